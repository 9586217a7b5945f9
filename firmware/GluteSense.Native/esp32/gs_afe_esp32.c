/*
 * ESP-IDF glue: DRDY interrupt -> high-priority task -> SPI polling read -> lock-free ring -> block reads from the
 * managed acquisition thread, which gets codes, filtered samples and envelopes of a whole block in one call.
 *
 * Why this shape (docs/firmware-budget.md): the ADS1298 in RDATAC must be read before the next DRDY (0.5 ms at
 * 2 kHz); managed threads run in 20 ms quanta and GPIO events reach them between quanta, so the read happens here.
 * - The ISR (IRAM) only stamps esp_timer_get_time() and notifies the reader task: no SPI in interrupt context.
 * - The reader task (priority above the nanoCLR's thread, pinned to the core nanoCLR does not use) reads the
 *   status word and the used channels (3 + 3 x channels bytes: 15 for 4 channels, 30 us at 4 MHz instead of 54 us
 *   for the whole 27-byte frame; the ADS1298 reloads its output register at the next DRDY, so the unread channels
 *   are simply not clocked out) with a polling transaction (no DMA set-up, no queueing) and pushes it into the ring
 *   with its ISR time stamp. A DRDY that arrives while the previous frame is still unread cannot be read any
 *   more (RDATAC overwrites the output register): the task notices from the notification count and records the
 *   lost samples with gs_ring_skip, so the sample counter stays exact.
 * - Register writes (SDATAC ... WREG ... RDATAC) are only allowed while DRDY handling is stopped.
 * Built with the same flags as the host library: -std=c99 -O2 -ffp-contract=off -fno-fast-math.
 */
#include "gs_afe_esp32.h"

#include <string.h>

#include "driver/gpio.h"
#include "driver/spi_master.h"
#include "esp_attr.h"
#include "esp_timer.h"
#include "freertos/FreeRTOS.h"
#include "freertos/semphr.h"
#include "freertos/task.h"

#define GS_READER_PRIORITY (configMAX_PRIORITIES - 2) /* above nanoCLR's task, below the IPC/timer tasks */
#define GS_READER_STACK_BYTES 3072
#define GS_READER_CORE 1                              /* nanoCLR's interpreter runs on core 0 in the ESP32 target */
#define GS_CMD_RDATAC 0x10
#define GS_CMD_SDATAC 0x11
#define GS_CMD_WREG 0x40

static gs_sample_ring s_ring;
static gs_emg_pipeline s_pipeline;
static gs_emg_output s_output;
static spi_device_handle_t s_spi;
static TaskHandle_t s_reader;
static SemaphoreHandle_t s_block_ready;
static volatile uint32_t s_drdy_time_us;
static volatile int s_running;
static int s_channels;
static int s_block_samples;
static int s_drdy_gpio = -1;
static int s_last_lead_off;
static uint8_t s_tx[GS_AFE_FRAME_BYTES];
static uint8_t s_rx[GS_AFE_FRAME_BYTES];

static void IRAM_ATTR gs_drdy_isr(void *arg)
{
    BaseType_t woken = pdFALSE;
    (void)arg;
    s_drdy_time_us = (uint32_t)esp_timer_get_time();
    vTaskNotifyGiveFromISR(s_reader, &woken);
    if (woken == pdTRUE) {
        portYIELD_FROM_ISR();
    }
}

static void gs_reader_task(void *arg)
{
    int32_t codes[GS_MAX_CHANNELS];
    (void)arg;
    for (;;) {
        /* The notification value counts DRDYs since the last take: more than one means frames were overwritten. */
        uint32_t pending = ulTaskNotifyTake(pdTRUE, portMAX_DELAY);
        uint32_t time_us = s_drdy_time_us;
        spi_transaction_t t;
        int32_t status;
        if (!s_running) {
            continue;
        }

        while (pending > 1) {
            gs_ring_skip(&s_ring);
            pending--;
        }

        memset(&t, 0, sizeof(t));
        t.length = 8u * (size_t)(3 + 3 * s_channels);
        t.tx_buffer = s_tx;
        t.rx_buffer = s_rx;
        if (spi_device_polling_transmit(s_spi, &t) != ESP_OK) {
            gs_ring_skip(&s_ring);
            continue;
        }

        status = gs_unpack_frame(s_rx, s_channels, codes);
        gs_ring_push(&s_ring, time_us, status, codes, s_channels);
        if (gs_ring_count(&s_ring) >= (uint32_t)s_block_samples) {
            xSemaphoreGive(s_block_ready);
        }
    }
}

static int gs_command(uint8_t command)
{
    spi_transaction_t t;
    memset(&t, 0, sizeof(t));
    t.length = 8;
    t.flags = SPI_TRANS_USE_TXDATA;
    t.tx_data[0] = command;
    return spi_device_polling_transmit(s_spi, &t) == ESP_OK ? GS_AFE_OK : GS_AFE_EPLATFORM;
}

int gs_afe_start(const gs_afe_pins *pins, int sample_rate_hz, int channels, int block_samples)
{
    spi_device_interface_config_t device;
    gpio_config_t drdy;
    if (s_running) {
        return GS_AFE_ERUNNING;
    }

    if (pins == NULL || channels < 1 || channels > GS_MAX_CHANNELS || block_samples < 1
        || block_samples > GS_MAX_BLOCK_SAMPLES || sample_rate_hz < 250) {
        return GS_AFE_EINVAL;
    }

    if (s_spi == NULL) {
        memset(&device, 0, sizeof(device));
        device.mode = 1; /* ADS1298: CPOL 0, CPHA 1 */
        device.clock_speed_hz = pins->spi_clock_hz;
        device.spics_io_num = pins->cs_gpio;
        device.queue_size = 1;
        if (spi_bus_add_device((spi_host_device_t)pins->spi_host, &device, &s_spi) != ESP_OK) {
            return GS_AFE_EPLATFORM;
        }

        s_block_ready = xSemaphoreCreateBinary();
        if (xTaskCreatePinnedToCore(gs_reader_task, "gs_afe", GS_READER_STACK_BYTES, NULL, GS_READER_PRIORITY,
                                    &s_reader, GS_READER_CORE) != pdPASS) {
            return GS_AFE_EPLATFORM;
        }
    }

    s_channels = channels;
    s_block_samples = block_samples;
    gs_ring_init(&s_ring);
    if (gs_emg_pipeline_init(&s_pipeline, channels, block_samples) != GS_OK) {
        return GS_AFE_EINVAL;
    }

    memset(&drdy, 0, sizeof(drdy));
    drdy.pin_bit_mask = 1ULL << pins->drdy_gpio;
    drdy.mode = GPIO_MODE_INPUT;
    drdy.intr_type = GPIO_INTR_NEGEDGE; /* DRDY falls when a frame is ready */
    if (gpio_config(&drdy) != ESP_OK) {
        return GS_AFE_EPLATFORM;
    }

    gpio_install_isr_service(ESP_INTR_FLAG_IRAM); /* ESP_ERR_INVALID_STATE when already installed: fine */
    if (gpio_isr_handler_add((gpio_num_t)pins->drdy_gpio, gs_drdy_isr, NULL) != ESP_OK) {
        return GS_AFE_EPLATFORM;
    }

    s_drdy_gpio = pins->drdy_gpio;
    s_running = 1;
    return gs_command(GS_CMD_RDATAC);
}

int gs_afe_stop(void)
{
    if (!s_running) {
        return GS_AFE_ESTOPPED;
    }

    s_running = 0;
    gpio_isr_handler_remove((gpio_num_t)s_drdy_gpio);
    xSemaphoreGive(s_block_ready); /* wakes a blocked ReadBlock, which then returns 0 */
    return gs_command(GS_CMD_SDATAC);
}

int gs_afe_write_register(uint8_t address, uint8_t value)
{
    spi_transaction_t t;
    if (s_running) {
        return GS_AFE_ERUNNING; /* RDATAC would turn the opcode into a data read; stop first */
    }

    if (s_spi == NULL || address > 0x1F) {
        return GS_AFE_EINVAL;
    }

    memset(&t, 0, sizeof(t));
    t.length = 8 * 3;
    t.flags = SPI_TRANS_USE_TXDATA;
    t.tx_data[0] = (uint8_t)(GS_CMD_WREG | address);
    t.tx_data[1] = 0; /* one register */
    t.tx_data[2] = value;
    return spi_device_polling_transmit(s_spi, &t) == ESP_OK ? GS_AFE_OK : GS_AFE_EPLATFORM;
}

int gs_afe_configure_chain(const float *sections, int section_count, int window_samples, int hop_samples,
                           const float *linear_low_pass, const float *fundamental_notch, float lsb_microvolts)
{
    if (s_running) {
        return GS_AFE_ERUNNING; /* the reader never touches the pipeline, but ReadBlock does: keep one owner */
    }

    return gs_emg_pipeline_configure(&s_pipeline, sections, section_count, window_samples, hop_samples,
                                     linear_low_pass, fundamental_notch, lsb_microvolts) == GS_OK
        ? GS_AFE_OK : GS_AFE_EINVAL;
}

int gs_afe_read_block(int32_t *codes, float *filtered, float *envelope, int envelope_stride, uint32_t *first_sample_us,
                      int32_t *lost_samples, int timeout_ms)
{
    uint32_t lost = 0;
    int n, c;
    *lost_samples = 0;
    if (!s_running) {
        return GS_AFE_ESTOPPED;
    }

    if (gs_ring_count(&s_ring) < (uint32_t)s_block_samples
        && xSemaphoreTake(s_block_ready, pdMS_TO_TICKS(timeout_ms)) != pdTRUE) {
        return 0;
    }

    n = gs_ring_read_block(&s_ring, s_channels, s_block_samples, codes, first_sample_us, &lost, &s_last_lead_off);
    *lost_samples = (int32_t)lost;
    if (n == 0) {
        return 0;
    }

    gs_emg_pipeline_process_block(&s_pipeline, codes, n, s_last_lead_off, &s_output);
    memcpy(filtered, s_output.filtered, (size_t)n * (size_t)s_channels * sizeof(float));
    for (c = 0; c < s_channels; c++) {
        memcpy(envelope + c * envelope_stride, s_output.envelope[c], (size_t)s_output.envelope_count[c] * sizeof(float));
    }

    return n;
}

const gs_emg_output *gs_afe_last_output(int *lead_off_mask)
{
    *lead_off_mask = s_last_lead_off;
    return &s_output;
}

uint32_t gs_afe_selftest(const float *sections, int section_count, int window_samples, int hop_samples,
                         float lsb_microvolts)
{
    /* Runs on the caller's (managed) thread with its own scratch: the live pipeline is untouched. */
    static gs_emg_pipeline scratch;
    static gs_emg_output out;
    return gs_selftest_hash(&scratch, &out, sections, section_count, window_samples, hop_samples, lsb_microvolts);
}
