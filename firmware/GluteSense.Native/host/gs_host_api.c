/*
 * Host-only exports for P/Invoke (tests, the `glutesense envelope --engine native` path, the virtual board).
 * The board never links this file: it allocates, and it flattens gs_emg_output into caller arrays so the managed
 * side needs no copy of the struct layout.
 */
#include "gs_native.h"

#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#define GS_EXPORT __declspec(dllexport)
#else
#define GS_EXPORT __attribute__((visibility("default")))
#endif

typedef struct {
    gs_emg_pipeline pipeline;
    gs_emg_output output;
} gs_host_pipeline;

GS_EXPORT uint32_t gs_host_version(void)
{
    return GS_NATIVE_VERSION;
}

GS_EXPORT int32_t gs_host_passkey_from_store(int found, uint32_t stored)
{
    return gs_passkey_from_store(found, stored);
}

GS_EXPORT void *gs_host_pipeline_create(int channel_count, int max_block_samples)
{
    gs_host_pipeline *h = (gs_host_pipeline *)calloc(1, sizeof(gs_host_pipeline));
    if (h == NULL) {
        return NULL;
    }

    if (gs_emg_pipeline_init(&h->pipeline, channel_count, max_block_samples) != GS_OK) {
        free(h);
        return NULL;
    }

    return h;
}

GS_EXPORT void gs_host_pipeline_destroy(void *handle)
{
    free(handle);
}

GS_EXPORT int gs_host_pipeline_configure(void *handle, const float *sections, int section_count, int window_samples,
                                         int hop_samples, const float *linear_low_pass,
                                         const float *fundamental_notch, float lsb_microvolts)
{
    gs_host_pipeline *h = (gs_host_pipeline *)handle;
    return gs_emg_pipeline_configure(&h->pipeline, sections, section_count, window_samples, hop_samples,
                                     linear_low_pass, fundamental_notch, lsb_microvolts);
}

GS_EXPORT void gs_host_pipeline_reset(void *handle)
{
    gs_emg_pipeline_reset(&((gs_host_pipeline *)handle)->pipeline);
}

GS_EXPORT float gs_host_pipeline_input_scale(void *handle, int channel)
{
    return gs_emg_channel_input_scale(&((gs_host_pipeline *)handle)->pipeline.channels[channel]);
}

GS_EXPORT int gs_host_pipeline_fast_path(void *handle)
{
    return ((gs_host_pipeline *)handle)->pipeline.channels[0].fast_path;
}

/*
 * Processes one block and copies the outputs: scaled and filtered are interleaved like codes (channels x
 * sample_count); envelope, linear and emit are channel-major with max_values per channel; the per-channel arrays
 * (envelope_count, clip, lead_off, flat_line, band_rms, powerline) have channel_count entries.
 */
GS_EXPORT int gs_host_pipeline_process(void *handle, const int32_t *codes, int sample_count, int lead_off_mask,
                                       float *scaled, float *filtered, float *envelope, float *linear_envelope,
                                       int32_t *emit, int max_values, int32_t *envelope_count, int32_t *clip,
                                       int32_t *lead_off, int32_t *flat_line, float *band_rms, float *powerline)
{
    gs_host_pipeline *h = (gs_host_pipeline *)handle;
    gs_emg_output *o = &h->output;
    int channels = h->pipeline.channel_count, c, n = sample_count * channels;
    int rc = gs_emg_pipeline_process_block(&h->pipeline, codes, sample_count, lead_off_mask, o);
    if (rc != GS_OK) {
        return rc;
    }

    memcpy(scaled, o->scaled_microvolts, (size_t)n * sizeof(float));
    memcpy(filtered, o->filtered, (size_t)n * sizeof(float));
    for (c = 0; c < channels; c++) {
        int count = o->envelope_count[c];
        if (count > max_values) {
            return GS_EINVAL;
        }

        memcpy(envelope + c * max_values, o->envelope[c], (size_t)count * sizeof(float));
        memcpy(linear_envelope + c * max_values, o->linear_envelope[c], (size_t)count * sizeof(float));
        memcpy(emit + c * max_values, o->emit_sample[c], (size_t)count * sizeof(int32_t));
        envelope_count[c] = count;
        clip[c] = o->clip_count[c];
        lead_off[c] = o->lead_off[c];
        flat_line[c] = o->flat_line[c];
        band_rms[c] = o->band_rms_uv[c];
        powerline[c] = o->powerline_ratio[c];
    }

    return GS_OK;
}

GS_EXPORT float gs_host_sqrt(float x)
{
    return gs_sqrt(x);
}

GS_EXPORT uint16_t gs_host_crc16(const uint8_t *data, int count)
{
    return gs_crc16_update(GS_CRC16_INITIAL, data, count);
}

GS_EXPORT int32_t gs_host_unpack_frame(const uint8_t *frame, int channels, int32_t *codes)
{
    return gs_unpack_frame(frame, channels, codes);
}

GS_EXPORT uint32_t gs_host_selftest_hash(const float *sections, int section_count, int window_samples,
                                         int hop_samples, float lsb_microvolts)
{
    gs_host_pipeline *h = (gs_host_pipeline *)calloc(1, sizeof(gs_host_pipeline));
    uint32_t hash;
    if (h == NULL) {
        return 0u;
    }

    hash = gs_selftest_hash(&h->pipeline, &h->output, sections, section_count, window_samples, hop_samples,
                            lsb_microvolts);
    free(h);
    return hash;
}

/* ---- ring ---- */

GS_EXPORT void *gs_host_ring_create(void)
{
    gs_sample_ring *r = (gs_sample_ring *)malloc(sizeof(gs_sample_ring));
    if (r != NULL) {
        gs_ring_init(r);
    }

    return r;
}

GS_EXPORT void gs_host_ring_destroy(void *ring)
{
    free(ring);
}

GS_EXPORT uint32_t gs_host_ring_capacity(void)
{
    return GS_RING_CAPACITY;
}

GS_EXPORT int gs_host_ring_push(void *ring, uint32_t time_us, int32_t status, const int32_t *codes, int channels)
{
    return gs_ring_push((gs_sample_ring *)ring, time_us, status, codes, channels);
}

GS_EXPORT int gs_host_ring_pop(void *ring, uint32_t *sequence, uint32_t *time_us, int32_t *codes, int channels,
                               uint32_t *lost)
{
    gs_sample_frame frame;
    if (!gs_ring_pop((gs_sample_ring *)ring, &frame, lost)) {
        return 0;
    }

    *sequence = frame.sequence;
    *time_us = frame.time_us;
    memcpy(codes, frame.codes, (size_t)channels * sizeof(int32_t));
    return 1;
}

GS_EXPORT int gs_host_ring_read_block(void *ring, int channels, int max_samples, int32_t *codes,
                                      uint32_t *first_time_us, uint32_t *lost_before, int *lead_off_mask)
{
    return gs_ring_read_block((gs_sample_ring *)ring, channels, max_samples, codes, first_time_us, lost_before,
                              lead_off_mask);
}

GS_EXPORT void gs_host_ring_skip(void *ring)
{
    gs_ring_skip((gs_sample_ring *)ring);
}

GS_EXPORT uint32_t gs_host_ring_overruns(void *ring)
{
    return gs_ring_overruns((const gs_sample_ring *)ring);
}

GS_EXPORT uint32_t gs_host_ring_produced(void *ring)
{
    return __atomic_load_n(&((gs_sample_ring *)ring)->produced, __ATOMIC_ACQUIRE);
}

/* ---- one channel on float input (the CLI's envelope engine: EnvelopeRunner works per channel) ---- */

GS_EXPORT void *gs_host_channel_create(void)
{
    return calloc(1, sizeof(gs_emg_channel));
}

GS_EXPORT void gs_host_channel_destroy(void *channel)
{
    free(channel);
}

GS_EXPORT int gs_host_channel_configure(void *channel, const float *sections, int section_count, int window_samples,
                                        int hop_samples)
{
    return gs_emg_channel_configure((gs_emg_channel *)channel, sections, section_count, window_samples, hop_samples,
                                    NULL);
}

GS_EXPORT float gs_host_channel_input_scale(void *channel)
{
    return gs_emg_channel_input_scale((const gs_emg_channel *)channel);
}

GS_EXPORT int gs_host_channel_process(void *channel, const float *input, int offset, int count, float *filtered,
                                      float *envelope, int32_t *emit_samples)
{
    return gs_emg_channel_process((gs_emg_channel *)channel, input, offset, 1, count, filtered, envelope,
                                  emit_samples, 0, NULL);
}
