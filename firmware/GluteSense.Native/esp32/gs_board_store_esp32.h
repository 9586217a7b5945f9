/*
 * ESP-IDF glue of the board's non-volatile identity values (not compiled on the host; built into the custom nanoCLR
 * image, see docs/flashing.md). The values are written at flashing (provision-passkey.sh), never by the app.
 */
#ifndef GS_BOARD_STORE_ESP32_H
#define GS_BOARD_STORE_ESP32_H

#include <stdint.h>

#include "gs_native.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The 6-digit BLE passkey in NVS (namespace GS_STORE_NAMESPACE, u32 key GS_STORE_PASSKEY_KEY), or GS_NO_PASSKEY. */
int32_t gs_board_store_read_passkey(void);

#ifdef __cplusplus
}
#endif

#endif /* GS_BOARD_STORE_ESP32_H */
