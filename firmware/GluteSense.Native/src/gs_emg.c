/*
 * EMG chain: a line-by-line port of Dsp/FastMath.cs, Dsp/Biquad.cs, Dsp/EmgChannel.cs and
 * Acquisition/EmgPipeline.cs. Keep every expression in the C#'s evaluation order (C# evaluates left to right and
 * rounds every float operation to single precision; with FLT_EVAL_METHOD 0 and -ffp-contract=off so does C).
 * Integer-to-float conversions are written as explicit casts where C# converts implicitly.
 */
#include "gs_native.h"

#include <string.h>

/* EmgChannel.StructureTolerance */
#define GS_STRUCTURE_TOLERANCE 1e-6f
/* EmgQuality.FlatLineMeanSquareUv2 */
#define GS_FLAT_LINE_MEAN_SQUARE_UV2 0.1f

float gs_sqrt(float x)
{
    float scale, m, y;
    if (!(x > 0.0f)) {
        return 0.0f;
    }

    scale = 1.0f;
    m = x;
    while (m >= 65536.0f) {
        m *= 1.0f / 65536.0f;
        scale *= 256.0f;
    }

    while (m >= 1.0f) {
        m *= 0.25f;
        scale *= 2.0f;
    }

    while (m < 0.25f) {
        m *= 4.0f;
        scale *= 0.5f;
    }

    y = 0.41731f + 0.59016f * m;
    y = 0.5f * (y + m / y);
    y = 0.5f * (y + m / y);
    y = 0.5f * (y + m / y);
    return y * scale;
}

int gs_biquad_set(gs_biquad *q, float b0, float b1, float b2, float a0, float a1, float a2)
{
    float inverse_a0;
    if (a0 == 0.0f) {
        return GS_EINVAL;
    }

    inverse_a0 = 1.0f / a0;
    q->b0 = b0 * inverse_a0;
    q->b1 = b1 * inverse_a0;
    q->b2 = b2 * inverse_a0;
    q->a1 = a1 * inverse_a0;
    q->a2 = a2 * inverse_a0;
    return GS_OK;
}

float gs_biquad_process(gs_biquad *q, float x)
{
    float y = q->b0 * x + q->z1;
    q->z1 = q->b1 * x - q->a1 * y + q->z2;
    q->z2 = q->b2 * x - q->a2 * y;
    return y;
}

static int gs_gcd(int a, int b)
{
    while (b != 0) {
        int t = a % b;
        a = b;
        b = t;
    }

    return a;
}

static int gs_near(float a, float b)
{
    float d = a - b;
    float m = b < 0.0f ? -b : b;
    return (d < 0.0f ? -d : d) <= GS_STRUCTURE_TOLERANCE * (m > 1.0f ? m : 1.0f);
}

static int gs_detect_fast_path(gs_emg_channel *ch)
{
    const float *s = ch->sections;
    float g0, g1, b0n;
    int low_pair, high_pair, notch;
    if (ch->section_count != 3) {
        return 0;
    }

    g0 = s[0];
    g1 = s[5];
    b0n = s[10];
    low_pair = gs_near(s[1], 2.0f * g0) && gs_near(s[2], g0);
    high_pair = gs_near(s[6], -2.0f * g1) && gs_near(s[7], g1);
    notch = gs_near(s[12], b0n) && gs_near(s[13], s[11]);
    if (!low_pair || !high_pair || !notch || g0 == 0.0f || g1 == 0.0f || b0n == 0.0f) {
        return 0;
    }

    ch->a1a = s[3];
    ch->a2a = s[4];
    ch->a1b = s[8];
    ch->a2b = s[9];
    ch->cn = s[11] / b0n;
    ch->a1n = s[13];
    ch->a2n = s[14];
    ch->gain = g0 * g1 * b0n;
    return 1;
}

int gs_emg_channel_configure(gs_emg_channel *ch, const float *sections, int section_count, int window_samples,
                             int hop_samples, const float *linear_low_pass)
{
    int sub_block;
    if (section_count < 0 || section_count > GS_MAX_SECTIONS || (section_count > 0 && sections == NULL)) {
        return GS_EINVAL;
    }

    if (window_samples < 1 || hop_samples < 1) {
        return GS_EINVAL;
    }

    sub_block = gs_gcd(window_samples, hop_samples);
    if (window_samples / sub_block > GS_MAX_WINDOW_SUBBLOCKS) {
        return GS_EINVAL;
    }

    ch->section_count = section_count;
    if (section_count > 0) {
        memcpy(ch->sections, sections, (size_t)section_count * GS_COEFFS_PER_SECTION * sizeof(float));
    }

    ch->window_samples = window_samples;
    ch->sub_block_samples = sub_block;
    ch->partial_count = window_samples / sub_block;
    ch->partials_per_hop = hop_samples / sub_block;
    ch->fast_path = gs_detect_fast_path(ch);
    if (!ch->fast_path) {
        ch->gain = 1.0f;
    }

    ch->inverse_window = 1.0f / (float)window_samples;
    ch->linear_enabled = linear_low_pass != NULL;
    if (ch->linear_enabled) {
        gs_biquad_set(&ch->linear_low_pass, linear_low_pass[0], linear_low_pass[1], linear_low_pass[2], 1.0f,
                      linear_low_pass[3], linear_low_pass[4]);
    }

    gs_emg_channel_reset(ch);
    return GS_OK;
}

void gs_emg_channel_reset(gs_emg_channel *ch)
{
    memset(ch->state, 0, sizeof(ch->state));
    memset(ch->partials, 0, sizeof(ch->partials));
    ch->partial_pos = 0;
    ch->partials_until_emit = ch->partial_count;
    ch->sub_block_fill = 0;
    ch->acc = 0.0f;
    ch->band_mean_square_sum = 0.0f;
    ch->band_mean_square_count = 0;
    ch->linear_low_pass.z1 = 0.0f;
    ch->linear_low_pass.z2 = 0.0f;
}

float gs_emg_channel_input_scale(const gs_emg_channel *ch)
{
    return ch->gain;
}

float gs_emg_channel_take_band_mean_square(gs_emg_channel *ch)
{
    float result = ch->band_mean_square_count > 0
        ? ch->band_mean_square_sum / (float)ch->band_mean_square_count : -1.0f;
    ch->band_mean_square_sum = 0.0f;
    ch->band_mean_square_count = 0;
    return result;
}

/* Once per envelope value: re-adds the window's sub-block sums (EmgChannel.Emit). */
static void gs_emit(gs_emg_channel *ch, float *envelope, int32_t *emit_samples, int envelope_index, int samples_done)
{
    const float *partials = ch->partials;
    float sum = 0.0f, mean_square;
    int p;
    for (p = 0; p < ch->partial_count; p++) {
        sum += partials[p];
    }

    mean_square = sum * ch->inverse_window;
    envelope[envelope_index] = gs_sqrt(mean_square);
    emit_samples[envelope_index] = samples_done - 1;
    ch->band_mean_square_sum += mean_square;
    ch->band_mean_square_count++;
}

static int gs_process_fast(gs_emg_channel *ch, const float *input, int offset, int stride, int count, float *filtered,
                           float *envelope, int32_t *emit_samples, int envelope_offset)
{
    float a1a = ch->a1a, a2a = ch->a2a, a1b = ch->a1b, na2b = -ch->a2b, cn = ch->cn, a1n = ch->a1n, a2n = ch->a2n;
    float x1 = ch->state[0], z1b = ch->state[1], z2b = ch->state[2], z1a = ch->state[3], z2a = ch->state[4];
    float z1n = ch->state[5], z2n = ch->state[6];
    float acc = ch->acc;
    float *partials = ch->partials;
    int sub = ch->sub_block_samples, fill = ch->sub_block_fill, pos = ch->partial_pos;
    int until_emit = ch->partials_until_emit;
    int partial_count = ch->partial_count, per_hop = ch->partials_per_hop;
    int idx = offset;
    int remaining = count;
    int envelope_index = envelope_offset;
    while (remaining > 0) {
        int n = sub - fill;
        int end;
        if (n > remaining) {
            n = remaining;
        }

        end = idx + n * stride;
        for (; idx < end; idx += stride) {
            float x = input[idx];
            float d = x - x1;
            float u, y, v;
            x1 = x;
            u = d + z1b;
            z1b = z2b - d - a1b * u;
            z2b = na2b * u;
            y = u + z1a;
            z1a = u + u - a1a * y + z2a;
            z2a = u - a2a * y;
            v = y + z1n;
            z1n = cn * y - a1n * v + z2n;
            z2n = y - a2n * v;
            acc += v * v;
            filtered[idx] = v;
        }

        remaining -= n;
        fill += n;
        if (fill == sub) {
            fill = 0;
            partials[pos] = acc;
            acc = 0.0f;
            pos++;
            if (pos == partial_count) {
                pos = 0;
            }

            until_emit--;
            if (until_emit == 0) {
                until_emit = per_hop;
                ch->acc = acc; /* gs_emit does not read acc; kept for symmetry with the C# field */
                gs_emit(ch, envelope, emit_samples, envelope_index, count - remaining);
                envelope_index++;
            }
        }
    }

    ch->state[0] = x1;
    ch->state[1] = z1b;
    ch->state[2] = z2b;
    ch->state[3] = z1a;
    ch->state[4] = z2a;
    ch->state[5] = z1n;
    ch->state[6] = z2n;
    ch->acc = acc;
    ch->sub_block_fill = fill;
    ch->partial_pos = pos;
    ch->partials_until_emit = until_emit;
    return envelope_index - envelope_offset;
}

static void gs_run_section(gs_emg_channel *ch, int section, float *buffer, int count)
{
    int c = section * GS_COEFFS_PER_SECTION;
    float b0 = ch->sections[c], b1 = ch->sections[c + 1], b2 = ch->sections[c + 2];
    float a1 = ch->sections[c + 3], a2 = ch->sections[c + 4];
    float z1 = ch->state[2 * section], z2 = ch->state[2 * section + 1];
    int i;
    for (i = 0; i < count; i++) {
        float x = buffer[i];
        float y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        buffer[i] = y;
    }

    ch->state[2 * section] = z1;
    ch->state[2 * section + 1] = z2;
}

static int gs_process_general(gs_emg_channel *ch, const float *input, int offset, int stride, int count,
                              float *filtered, float *envelope, int32_t *emit_samples, int envelope_offset)
{
    float *scratch = ch->scratch;
    int i, idx, s, emitted = 0;
    for (i = 0, idx = offset; i < count; i++, idx += stride) {
        scratch[i] = input[idx];
    }

    for (s = 0; s < ch->section_count; s++) {
        gs_run_section(ch, s, scratch, count);
    }

    for (i = 0, idx = offset; i < count; i++, idx += stride) {
        float v = scratch[i];
        filtered[idx] = v;
        ch->acc += v * v;
        ch->sub_block_fill++;
        if (ch->sub_block_fill == ch->sub_block_samples) {
            ch->sub_block_fill = 0;
            ch->partials[ch->partial_pos] = ch->acc;
            ch->acc = 0.0f;
            ch->partial_pos = (ch->partial_pos + 1) % ch->partial_count;
            ch->partials_until_emit--;
            if (ch->partials_until_emit == 0) {
                ch->partials_until_emit = ch->partials_per_hop;
                gs_emit(ch, envelope, emit_samples, envelope_offset + emitted, i + 1);
                emitted++;
            }
        }
    }

    return emitted;
}

static void gs_sample_linear_envelope(gs_emg_channel *ch, const float *filtered, int offset, int stride, int count,
                                      float *linear_envelope, const int32_t *emit_samples, int envelope_offset,
                                      int emitted)
{
    int next = 0, i, idx;
    for (i = 0, idx = offset; i < count; i++, idx += stride) {
        float v = filtered[idx];
        float smoothed = gs_biquad_process(&ch->linear_low_pass, v < 0.0f ? -v : v);
        if (next < emitted && emit_samples[envelope_offset + next] == i) {
            linear_envelope[envelope_offset + next] = smoothed;
            next++;
        }
    }
}

int gs_emg_channel_process(gs_emg_channel *ch, const float *input, int offset, int stride, int count, float *filtered,
                           float *envelope, int32_t *emit_samples, int envelope_offset, float *linear_envelope)
{
    int emitted;
    if (input == NULL || filtered == NULL || envelope == NULL || emit_samples == NULL) {
        return GS_EINVAL;
    }

    if (stride < 1 || count < 0 || count > GS_MAX_BLOCK_SAMPLES || offset < 0 || ch->window_samples == 0) {
        return GS_EINVAL;
    }

    emitted = ch->fast_path
        ? gs_process_fast(ch, input, offset, stride, count, filtered, envelope, emit_samples, envelope_offset)
        : gs_process_general(ch, input, offset, stride, count, filtered, envelope, emit_samples, envelope_offset);

    if (ch->linear_enabled && linear_envelope != NULL) {
        gs_sample_linear_envelope(ch, filtered, offset, stride, count, linear_envelope, emit_samples,
                                  envelope_offset, emitted);
    }

    return emitted;
}

/* ---- pipeline ---- */

int gs_emg_pipeline_init(gs_emg_pipeline *p, int channel_count, int max_block_samples)
{
    if (channel_count < 1 || channel_count > GS_MAX_CHANNELS || max_block_samples < 1
        || max_block_samples > GS_MAX_BLOCK_SAMPLES) {
        return GS_EINVAL;
    }

    memset(p, 0, sizeof(*p));
    p->channel_count = channel_count;
    p->max_block_samples = max_block_samples;
    return GS_OK;
}

int gs_emg_pipeline_configure(gs_emg_pipeline *p, const float *sections, int section_count, int window_samples,
                              int hop_samples, const float *linear_low_pass, const float *fundamental_notch,
                              float lsb_microvolts)
{
    int c;
    /* Validate fully, then commit: a refused configuration changes nothing. */
    if (section_count < 0 || section_count > GS_MAX_SECTIONS || (section_count > 0 && sections == NULL)
        || window_samples < 1 || hop_samples < 1
        || window_samples / gs_gcd(window_samples, hop_samples) > GS_MAX_WINDOW_SUBBLOCKS) {
        return GS_EINVAL;
    }

    p->goertzel_coefficient = fundamental_notch == NULL ? 0.0f : -fundamental_notch[1] / fundamental_notch[0];
    for (c = 0; c < p->channel_count; c++) {
        gs_emg_channel_configure(&p->channels[c], sections, section_count, window_samples, hop_samples,
                                 linear_low_pass);
    }

    p->lsb_microvolts = lsb_microvolts;
    p->blocks_until_powerline = 0;
    return GS_OK;
}

void gs_emg_pipeline_reset(gs_emg_pipeline *p)
{
    int c;
    for (c = 0; c < p->channel_count; c++) {
        gs_emg_channel_reset(&p->channels[c]);
    }

    p->blocks_until_powerline = 0;
}

static int gs_convert_channel(const int32_t *codes, int start, int stride, int count, float *microvolts,
                              int out_start, float lsb)
{
    const int32_t high = GS_POSITIVE_FULL_SCALE - GS_CLIP_MARGIN_COUNTS;
    const int32_t low = GS_NEGATIVE_FULL_SCALE + GS_CLIP_MARGIN_COUNTS;
    int clipped = 0, i, o = out_start;
    int end = start + count * stride;
    for (i = start; i < end; i += stride, o += stride) {
        int32_t code = codes[i];
        if (code >= high || code <= low) {
            clipped++;
        }

        microvolts[o] = (float)code * lsb;
    }

    return clipped;
}

static float gs_powerline_ratio(const gs_emg_pipeline *p, const float *microvolts, int start, int stride, int count,
                                float band_mean_square, float input_scale)
{
    int end = start + count * stride, i;
    float mean = 0.0f, coefficient, s1 = 0.0f, s2 = 0.0f, magnitude_squared, mains_mean_square, total;
    if (count == 0) {
        return -1.0f;
    }

    for (i = start; i < end; i += stride) {
        mean += microvolts[i];
    }

    mean /= (float)count;
    coefficient = p->goertzel_coefficient;
    for (i = start; i < end; i += stride) {
        float s0 = microvolts[i] - mean + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
    }

    magnitude_squared = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    mains_mean_square = 2.0f * magnitude_squared / ((float)count * (float)count * input_scale * input_scale);
    total = mains_mean_square + band_mean_square;
    return total > 0.0f ? mains_mean_square / total : 0.0f;
}

int gs_emg_pipeline_process_block(gs_emg_pipeline *p, const int32_t *codes, int sample_count, int lead_off_mask,
                                  gs_emg_output *out)
{
    int channels = p->channel_count, c, measure_powerline;
    if (codes == NULL || out == NULL) {
        return GS_EINVAL;
    }

    if (sample_count < 0 || sample_count > p->max_block_samples) {
        return GS_EINVAL;
    }

    out->sample_count = sample_count;
    measure_powerline = p->goertzel_coefficient != 0.0f && p->blocks_until_powerline == 0;
    p->blocks_until_powerline = p->blocks_until_powerline == 0
        ? GS_POWERLINE_EVERY_BLOCKS - 1 : p->blocks_until_powerline - 1;
    for (c = 0; c < channels; c++) {
        gs_emg_channel *channel = &p->channels[c];
        float band_mean_square;
        out->clip_count[c] = gs_convert_channel(codes, c, channels, sample_count, out->scaled_microvolts, c,
                                                p->lsb_microvolts * channel->gain);
        out->lead_off[c] = ((lead_off_mask >> c) & 1) != 0 || ((lead_off_mask >> (8 + c)) & 1) != 0;
        out->envelope_count[c] = gs_emg_channel_process(channel, out->scaled_microvolts, c, channels, sample_count,
                                                        out->filtered, out->envelope[c], out->emit_sample[c], 0,
                                                        out->linear_envelope[c]);
        band_mean_square = gs_emg_channel_take_band_mean_square(channel);
        out->band_rms_uv[c] = band_mean_square < 0.0f ? -1.0f : gs_sqrt(band_mean_square);
        out->flat_line[c] = band_mean_square >= 0.0f && band_mean_square < GS_FLAT_LINE_MEAN_SQUARE_UV2;
        out->powerline_ratio[c] = measure_powerline && band_mean_square >= 0.0f
            ? gs_powerline_ratio(p, out->scaled_microvolts, c, channels, sample_count, band_mean_square, channel->gain)
            : -1.0f;
    }

    return GS_OK;
}
