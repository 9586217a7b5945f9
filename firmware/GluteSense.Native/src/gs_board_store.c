/* The board's stored passkey: the range check of NativeBoardStore.ReadPasskey, portable so the host tests and the
 * twin run the same rule the board does (the NVS read itself is esp32/gs_board_store_esp32.c). */
#include "gs_native.h"

int32_t gs_passkey_from_store(int found, uint32_t stored)
{
    if (!found || stored > GS_PASSKEY_MAX) {
        return GS_NO_PASSKEY;
    }

    return (int32_t)stored;
}
