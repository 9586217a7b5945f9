/*
 * A one-entry NVS for the host: `fake_nvs NAMESPACE KEY VALUE` stores VALUE (u32) under NAMESPACE/KEY ("-" for no
 * namespace or no key), calls gs_board_store_read_passkey() once and prints what it returned and how it used NVS:
 * "passkey=N mode=readonly|readwrite opened=NAMESPACE read=KEY open_handles=0".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs_board_store_esp32.h"
#include "nvs.h"

#define FAKE_HANDLE 7u

static const char *s_namespace;
static const char *s_key;
static uint32_t s_value;
static char s_opened[32] = "-";
static char s_read[32] = "-";
static const char *s_mode = "-";
static int s_open_handles;

esp_err_t nvs_open(const char *namespace_name, nvs_open_mode_t open_mode, nvs_handle_t *out_handle)
{
    snprintf(s_opened, sizeof s_opened, "%s", namespace_name);
    s_mode = open_mode == NVS_READONLY ? "readonly" : "readwrite";
    /* ESP-IDF: a namespace that does not exist cannot be opened read-only. */
    if (s_namespace == NULL || strcmp(namespace_name, s_namespace) != 0) {
        return ESP_ERR_NVS_NOT_FOUND;
    }

    s_open_handles++;
    *out_handle = FAKE_HANDLE;
    return ESP_OK;
}

esp_err_t nvs_get_u32(nvs_handle_t handle, const char *key, uint32_t *out_value)
{
    snprintf(s_read, sizeof s_read, "%s", key);
    if (handle != FAKE_HANDLE || s_key == NULL || strcmp(key, s_key) != 0) {
        return ESP_ERR_NVS_NOT_FOUND;
    }

    *out_value = s_value;
    return ESP_OK;
}

void nvs_close(nvs_handle_t handle)
{
    if (handle == FAKE_HANDLE) {
        s_open_handles--;
    }
}

int main(int argc, char **argv)
{
    int32_t passkey;
    if (argc != 4) {
        fprintf(stderr, "usage: fake_nvs NAMESPACE KEY VALUE\n");
        return 2;
    }

    s_namespace = strcmp(argv[1], "-") == 0 ? NULL : argv[1];
    s_key = strcmp(argv[2], "-") == 0 ? NULL : argv[2];
    s_value = (uint32_t)strtoul(argv[3], NULL, 10);
    passkey = gs_board_store_read_passkey();
    printf("passkey=%d mode=%s opened=%s read=%s open_handles=%d\n", (int)passkey, s_mode, s_opened, s_read,
           s_open_handles);
    return 0;
}
