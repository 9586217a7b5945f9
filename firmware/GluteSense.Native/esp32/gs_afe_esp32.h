/*
 * ESP-IDF glue of the native acquisition module (not compiled on the host; built into the custom nanoCLR image,
 * see docs/flashing.md). One AFE (ADS1298) on one SPI device, its DRDY on one GPIO.
 */
#ifndef GS_AFE_ESP32_H
#define GS_AFE_ESP32_H

#include <stdint.h>

#include "gs_native.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes returned to managed code (0 = OK). */
#define GS_AFE_OK 0
#define GS_AFE_EINVAL (-1)     /* bad argument */
#define GS_AFE_ERUNNING (-2)   /* refused: DRDY handling is running (register writes, reconfiguration) */
#define GS_AFE_ESTOPPED (-3)   /* refused: not running */
#define GS_AFE_EPLATFORM (-4)  /* an ESP-IDF call failed */

/* Pins and SPI host of the AFE: BoardPins.cs is the one source; the stubs pass them in at Start. */
typedef struct {
    int spi_host;        /* SPI2_HOST / SPI3_HOST: the bus nanoFramework already initialised for the AFE */
    int cs_gpio;
    int drdy_gpio;
    int spi_clock_hz;
} gs_afe_pins;

int gs_afe_start(const gs_afe_pins *pins, int sample_rate_hz, int channels, int block_samples);
int gs_afe_stop(void);
int gs_afe_write_register(uint8_t address, uint8_t value);
int gs_afe_configure_chain(const float *sections, int section_count, int window_samples, int hop_samples,
                           const float *linear_low_pass, const float *fundamental_notch, float lsb_microvolts);
/* Blocks the caller up to timeout_ms for one block; returns samples (0 on timeout), or a negative error. */
int gs_afe_read_block(int32_t *codes, float *filtered, float *envelope, int envelope_stride, uint32_t *first_sample_us,
                      int32_t *lost_samples, int timeout_ms);
/* Per-channel results of the last block read: envelope counts, emit samples (envelope_stride per channel),
 * clip counts, flat-line flags, band RMS, powerline ratio, lead-off mask. */
const gs_emg_output *gs_afe_last_output(int *lead_off_mask);
uint32_t gs_afe_selftest(const float *sections, int section_count, int window_samples, int hop_samples,
                         float lsb_microvolts);

#ifdef __cplusplus
}
#endif

#endif /* GS_AFE_ESP32_H */
