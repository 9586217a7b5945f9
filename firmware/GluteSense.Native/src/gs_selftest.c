/* Self-test: a deterministic signal through the chain, hashed (FNV-1a 32 over the float bit patterns). */
#include "gs_native.h"

#include <string.h>

#define GS_SELFTEST_CHANNELS 4
#define GS_SELFTEST_BLOCKS 40
#define GS_SELFTEST_BLOCK_SAMPLES 50
#define GS_FNV_OFFSET 2166136261u
#define GS_FNV_PRIME 16777619u
#define GS_LCG_MULTIPLIER 1664525u    /* Numerical Recipes LCG */
#define GS_LCG_INCREMENT 1013904223u

int32_t gs_selftest_code(uint32_t *lcg_state)
{
    *lcg_state = *lcg_state * GS_LCG_MULTIPLIER + GS_LCG_INCREMENT;
    return gs_sign_extend24((int32_t)(*lcg_state >> 8)); /* top 24 bits: the whole code range, clipping included */
}

static uint32_t gs_fnv_word(uint32_t hash, uint32_t word)
{
    int b;
    for (b = 0; b < 4; b++) {
        hash ^= (word >> (8 * b)) & 0xFFu;
        hash *= GS_FNV_PRIME;
    }

    return hash;
}

static uint32_t gs_float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof(u));
    return u;
}

uint32_t gs_selftest_hash(gs_emg_pipeline *scratch, gs_emg_output *out, const float *sections, int section_count,
                          int window_samples, int hop_samples, float lsb_microvolts)
{
    int32_t codes[GS_SELFTEST_CHANNELS * GS_SELFTEST_BLOCK_SAMPLES];
    uint32_t lcg = 1u, hash = GS_FNV_OFFSET;
    int block, i, c, e;
    if (gs_emg_pipeline_init(scratch, GS_SELFTEST_CHANNELS, GS_SELFTEST_BLOCK_SAMPLES) != GS_OK
        || gs_emg_pipeline_configure(scratch, sections, section_count, window_samples, hop_samples, NULL, NULL,
                                     lsb_microvolts) != GS_OK) {
        return 0u;
    }

    for (block = 0; block < GS_SELFTEST_BLOCKS; block++) {
        for (i = 0; i < GS_SELFTEST_CHANNELS * GS_SELFTEST_BLOCK_SAMPLES; i++) {
            codes[i] = gs_selftest_code(&lcg);
        }

        gs_emg_pipeline_process_block(scratch, codes, GS_SELFTEST_BLOCK_SAMPLES, 0, out);
        for (i = 0; i < GS_SELFTEST_CHANNELS * GS_SELFTEST_BLOCK_SAMPLES; i++) {
            hash = gs_fnv_word(hash, gs_float_bits(out->filtered[i]));
        }

        for (c = 0; c < GS_SELFTEST_CHANNELS; c++) {
            for (e = 0; e < out->envelope_count[c]; e++) {
                hash = gs_fnv_word(hash, gs_float_bits(out->envelope[c][e]));
            }
        }
    }

    return hash;
}
