/*
 * ESP-IDF glue: reads the passkey written at flashing from the default NVS partition ("nvs", initialised by the
 * nanoCLR's app_main before the app starts). Opened read-only: nothing the app does can change the passkey, and a
 * board without the namespace (nvs_open fails with ESP_ERR_NVS_NOT_FOUND) or the key bonds with nobody.
 * Built with the same flags as the rest of the module: -std=c99 -O2 -ffp-contract=off -fno-fast-math.
 */
#include "gs_board_store_esp32.h"

#include "nvs.h"

int32_t gs_board_store_read_passkey(void)
{
    nvs_handle_t handle;
    uint32_t stored = 0;
    esp_err_t err = nvs_open(GS_STORE_NAMESPACE, NVS_READONLY, &handle);
    if (err != ESP_OK) {
        return gs_passkey_from_store(0, 0);
    }

    err = nvs_get_u32(handle, GS_STORE_PASSKEY_KEY, &stored);
    nvs_close(handle);
    return gs_passkey_from_store(err == ESP_OK, stored);
}
