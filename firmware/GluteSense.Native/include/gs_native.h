/*
 * GluteSense native acquisition module: the portable C99 layer (no ESP-IDF headers).
 *
 * The C# core (firmware/GluteSense.Firmware.Core) stays the reference. Every float operation below is written in
 * the same order as the C# it ports, so that compiled with -ffp-contract=off -fno-fast-math on an IEEE single
 * precision FPU (x86-64 SSE on the host, the ESP32's FPU on the board) the results are bitwise equal; the host tests
 * (tests/GluteSense.Firmware.Core.Tests/Native) check that on golden vectors, real EMG and fuzzed blocks.
 *
 * Nothing here allocates: every object lives in storage the caller owns (static on the board).
 */
#ifndef GS_NATIVE_H
#define GS_NATIVE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Native module version: bump when the API or the numerics change. The interop stub table and the C# declaration
 * carry it too (see interop/), and the test NativeInteropDriftTests keeps the three equal. */
#define GS_NATIVE_VERSION 0x01010000u /* 1.1.0.0: major, minor, build, revision, one byte each */

/* Sizes mirror the C# constants they port. */
#define GS_MAX_CHANNELS 8             /* Ads1298.ChannelCount */
#define GS_COEFFS_PER_SECTION 5       /* EmgChannel.CoefficientsPerSection: b0 b1 b2 a1 a2 */
#define GS_MAX_SECTIONS 8             /* EmgChannel.MaxSections */
#define GS_MAX_BLOCK_SAMPLES 100      /* BoardRuntime.MaxEmgBlockSamples */
#define GS_MAX_WINDOW_SUBBLOCKS 1000  /* EmgPipeline.MaxWindowSubBlocks */
#define GS_POWERLINE_EVERY_BLOCKS 10  /* EmgQuality.PowerlineEveryBlocks */
#define GS_CLIP_MARGIN_COUNTS 16      /* EmgQuality.ClipMarginCounts */
#define GS_POSITIVE_FULL_SCALE 0x7FFFFF
#define GS_NEGATIVE_FULL_SCALE (-0x800000)
#define GS_AFE_FRAME_BYTES 27         /* 3 status bytes + 8 channels x 3 bytes (ADS1298 RDATAC frame) */

/* Return codes. */
#define GS_OK 0
#define GS_EINVAL (-1)

/* ---- math (FastMath.cs) ---- */
float gs_sqrt(float x);

/* ---- one DF2T section (Biquad.cs) ---- */
typedef struct {
    float b0, b1, b2, a1, a2;
    float z1, z2;
} gs_biquad;

int gs_biquad_set(gs_biquad *q, float b0, float b1, float b2, float a0, float a1, float a2);
float gs_biquad_process(gs_biquad *q, float x);

/* ---- one EMG channel (EmgChannel.cs) ---- */
typedef struct {
    float sections[GS_MAX_SECTIONS * GS_COEFFS_PER_SECTION];
    float state[GS_MAX_SECTIONS * 2];
    float partials[GS_MAX_WINDOW_SUBBLOCKS];
    float scratch[GS_MAX_BLOCK_SAMPLES];
    gs_biquad linear_low_pass;
    int section_count;
    int fast_path;
    float gain;
    float a1a, a2a, a1b, a2b, cn, a1n, a2n;
    int window_samples;
    int sub_block_samples;
    int partial_count;
    int partials_per_hop;
    int partial_pos;
    int partials_until_emit;
    int sub_block_fill;
    float acc;
    float inverse_window;
    int linear_enabled;
    float band_mean_square_sum;
    int band_mean_square_count;
} gs_emg_channel;

/* sections: section-major b0 b1 b2 a1 a2; linear_low_pass: 5 coefficients or NULL. */
int gs_emg_channel_configure(gs_emg_channel *ch, const float *sections, int section_count, int window_samples,
                             int hop_samples, const float *linear_low_pass);
void gs_emg_channel_reset(gs_emg_channel *ch);
float gs_emg_channel_input_scale(const gs_emg_channel *ch);
float gs_emg_channel_take_band_mean_square(gs_emg_channel *ch);
/* Filters count samples at input[offset + k * stride]; returns the envelope values written (see EmgChannel.Process). */
int gs_emg_channel_process(gs_emg_channel *ch, const float *input, int offset, int stride, int count, float *filtered,
                           float *envelope, int32_t *emit_samples, int envelope_offset, float *linear_envelope);

/* ---- all channels (EmgPipeline.cs, EmgBlockOutput.cs, EmgQuality.cs) ---- */
typedef struct {
    int sample_count;
    float scaled_microvolts[GS_MAX_CHANNELS * GS_MAX_BLOCK_SAMPLES];
    float filtered[GS_MAX_CHANNELS * GS_MAX_BLOCK_SAMPLES];
    float envelope[GS_MAX_CHANNELS][GS_MAX_BLOCK_SAMPLES];
    float linear_envelope[GS_MAX_CHANNELS][GS_MAX_BLOCK_SAMPLES];
    int32_t emit_sample[GS_MAX_CHANNELS][GS_MAX_BLOCK_SAMPLES];
    int32_t envelope_count[GS_MAX_CHANNELS];
    int32_t clip_count[GS_MAX_CHANNELS];
    int32_t lead_off[GS_MAX_CHANNELS];
    int32_t flat_line[GS_MAX_CHANNELS];
    float band_rms_uv[GS_MAX_CHANNELS];
    float powerline_ratio[GS_MAX_CHANNELS];
} gs_emg_output;

typedef struct {
    gs_emg_channel channels[GS_MAX_CHANNELS];
    int channel_count;
    int max_block_samples;
    float lsb_microvolts;
    float goertzel_coefficient;
    int blocks_until_powerline;
} gs_emg_pipeline;

int gs_emg_pipeline_init(gs_emg_pipeline *p, int channel_count, int max_block_samples);
/* fundamental_notch: the notch section at the mains fundamental (its -b1/b0 is 2cos(w0)) or NULL (no powerline
 * estimate). linear_low_pass: NULL for none. On GS_EINVAL nothing changed. */
int gs_emg_pipeline_configure(gs_emg_pipeline *p, const float *sections, int section_count, int window_samples,
                              int hop_samples, const float *linear_low_pass, const float *fundamental_notch,
                              float lsb_microvolts);
void gs_emg_pipeline_reset(gs_emg_pipeline *p);
/* codes: sample_count samples of every channel, interleaved, from codes[0]. */
int gs_emg_pipeline_process_block(gs_emg_pipeline *p, const int32_t *codes, int sample_count, int lead_off_mask,
                                  gs_emg_output *out);

/* ---- AFE frame (Ads1298.ReadFrame / UnpackCounts) ---- */
int32_t gs_sign_extend24(int32_t raw24);
/* Unpacks one 27-byte RDATAC frame: returns the 24-bit status word, writes channels sign-extended codes. */
int32_t gs_unpack_frame(const uint8_t *frame, int channels, int32_t *codes);
/* Lead-off status of a status word: LOFF_STATP in bits 15:8, LOFF_STATN in bits 7:0 (Ads1298.LeadOffStatus). */
int gs_lead_off_mask(int32_t status_word);

/* ---- CRC-16/CCITT-FALSE (Protocol/Crc16.cs) ---- */
#define GS_CRC16_INITIAL 0xFFFFu
uint16_t gs_crc16_update(uint16_t crc, const uint8_t *data, int count);

/* ---- lock-free single-producer/single-consumer ring of AFE sample frames ---- */
typedef struct {
    uint32_t sequence;   /* per-sample counter: every DRDY gets the next number, stored or not */
    uint32_t time_us;    /* DRDY time stamped in the ISR (low 32 bits of esp_timer_get_time()) */
    int32_t status;
    int32_t codes[GS_MAX_CHANNELS];
} gs_sample_frame;

#define GS_RING_CAPACITY 256u  /* power of two: 128 ms at 2 kHz, far longer than a managed 20 ms quantum */

typedef struct {
    gs_sample_frame slots[GS_RING_CAPACITY];
    volatile uint32_t head;      /* written by the producer only: frames published */
    volatile uint32_t tail;      /* written by the consumer only: frames taken */
    volatile uint32_t produced;  /* producer: samples seen (the next sequence number) */
    volatile uint32_t overruns;  /* producer: samples dropped because the ring was full */
    uint32_t expected;           /* consumer: the sequence number it expects next */
} gs_sample_ring;

void gs_ring_init(gs_sample_ring *r);
/* Producer (one thread/task only). Returns 1 if stored, 0 if the ring was full (counted in overruns). */
int gs_ring_push(gs_sample_ring *r, uint32_t time_us, int32_t status, const int32_t *codes, int channels);
/* Producer helper: the frame was missed before it could be read (counted like an overrun, sequence advances). */
void gs_ring_skip(gs_sample_ring *r);
/* Consumer (one thread only). Pops one frame; returns 1, or 0 when empty. *lost gets the samples missing between
 * the previous popped frame and this one (exact: sequence gap). */
int gs_ring_pop(gs_sample_ring *r, gs_sample_frame *out, uint32_t *lost);
uint32_t gs_ring_count(const gs_sample_ring *r);
uint32_t gs_ring_overruns(const gs_sample_ring *r);

/* Consumer: assembles up to max_samples contiguous frames into interleaved codes. Stops early at a sequence gap
 * (the gap is reported with the next block) or when the ring runs empty. Returns the samples written;
 * *first_time_us the first one's time, *lost_before the samples missing right before the first one,
 * *lead_off_mask the OR of the frames' lead-off bits. */
int gs_ring_read_block(gs_sample_ring *r, int channels, int max_samples, int32_t *codes, uint32_t *first_time_us,
                       uint32_t *lost_before, int *lead_off_mask);

/* ---- self-test ---- */
/* Runs the chain on the self-test signal (gs_selftest_signal) with the caller's sections and returns an FNV-1a hash
 * of the bit patterns of every filtered sample and envelope value. The C# NativeSelfTest computes the same hash
 * with EmgPipeline; a board whose hash differs runs numerics that are not the reference's. */
uint32_t gs_selftest_hash(gs_emg_pipeline *scratch, gs_emg_output *out, const float *sections, int section_count,
                          int window_samples, int hop_samples, float lsb_microvolts);
/* The deterministic self-test codes: channel c, sample n (a 32-bit LCG, amplitudes up to full scale). */
int32_t gs_selftest_code(uint32_t *lcg_state);

/* ---- the board's passkey in NVS (NativeBoardStore.ReadPasskey; written at flashing by provision-passkey.sh) ---- */
#define GS_STORE_NAMESPACE "glutesense" /* NVS namespace (at most 15 characters, an NVS limit) */
#define GS_STORE_PASSKEY_KEY "passkey"  /* its u32 entry */
#define GS_PASSKEY_MAX 999999u          /* LE passkey entry: 6 decimal digits, 000000..999999 */
#define GS_NO_PASSKEY (-1)              /* NativeBoardStore.NoPasskey: the board bonds with nobody */

/* What ReadPasskey returns for an NVS read: the stored value when the entry was found and is a 6-digit passkey,
 * else GS_NO_PASSKEY (no entry, or a value no passkey entry can type: never bond with a passkey nobody can enter). */
int32_t gs_passkey_from_store(int found, uint32_t stored);

#ifdef __cplusplus
}
#endif

#endif /* GS_NATIVE_H */
