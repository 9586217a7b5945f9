/*
 * A host stand-in for ESP-IDF's nvs.h: the declarations the board store glue uses, with ESP-IDF's signatures and
 * values (components/nvs_flash/include/nvs.h and esp_err.h: esp_err_t is int, ESP_ERR_NVS_NOT_FOUND is
 * ESP_ERR_NVS_BASE 0x1100 + 0x02). NativeBoardStoreTests compiles esp32/gs_board_store_esp32.c against it and
 * links fake_nvs.c, so the glue's calls (namespace, key, read-only mode, close) run on the host.
 */
#ifndef FAKE_NVS_H
#define FAKE_NVS_H

#include <stdint.h>

typedef int esp_err_t;
typedef uint32_t nvs_handle_t;
typedef enum {
    NVS_READONLY,
    NVS_READWRITE
} nvs_open_mode_t;

#define ESP_OK 0
#define ESP_ERR_NVS_BASE 0x1100
#define ESP_ERR_NVS_NOT_FOUND (ESP_ERR_NVS_BASE + 0x02)

esp_err_t nvs_open(const char *namespace_name, nvs_open_mode_t open_mode, nvs_handle_t *out_handle);
esp_err_t nvs_get_u32(nvs_handle_t handle, const char *key, uint32_t *out_value);
void nvs_close(nvs_handle_t handle);

#endif /* FAKE_NVS_H */
