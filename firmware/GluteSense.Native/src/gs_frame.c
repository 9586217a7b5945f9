/* AFE frame unpack (Drivers/Ads1298/Ads1298.cs ReadFrame, UnpackCounts) and CRC-16 (Protocol/Crc16.cs). */
#include "gs_native.h"

int32_t gs_sign_extend24(int32_t raw24)
{
    /* C# (raw24 << 8) >> 8 on int: an arithmetic shift. Written without shifting into the sign bit (undefined in
     * C99 for negative results). */
    raw24 &= 0xFFFFFF;
    return (raw24 & 0x800000) != 0 ? raw24 - 0x1000000 : raw24;
}

int32_t gs_unpack_frame(const uint8_t *frame, int channels, int32_t *codes)
{
    int ch;
    int32_t status = ((int32_t)frame[0] << 16) | ((int32_t)frame[1] << 8) | (int32_t)frame[2];
    for (ch = 0; ch < channels; ch++) {
        const uint8_t *b = frame + 3 + 3 * ch;
        codes[ch] = gs_sign_extend24(((int32_t)b[0] << 16) | ((int32_t)b[1] << 8) | (int32_t)b[2]);
    }

    return status;
}

int gs_lead_off_mask(int32_t status_word)
{
    /* LOFF_STATP in bits 19:12, LOFF_STATN in bits 11:4 of the status word (SBAS459 9.4.4.2), kept apart as
     * P in bits 15:8 and N in 7:0 (Ads1298.LeadOffStatus). */
    return (int)((status_word >> 4) & 0xFFFF);
}

/* CRC-16/CCITT-FALSE: polynomial 0x1021, no reflection. Table built once at first use like the C# static table;
 * on the board it could live in flash, but 512 bytes of RAM are cheap and this keeps one definition. */
static uint16_t gs_crc_table[256];
static int gs_crc_table_ready;

static void gs_crc16_build_table(void)
{
    int n, bit;
    for (n = 0; n < 256; n++) {
        uint32_t c = (uint32_t)n << 8;
        for (bit = 0; bit < 8; bit++) {
            c = (c & 0x8000u) != 0 ? ((c << 1) ^ 0x1021u) : (c << 1);
        }

        gs_crc_table[n] = (uint16_t)(c & 0xFFFFu);
    }

    gs_crc_table_ready = 1;
}

uint16_t gs_crc16_update(uint16_t crc, const uint8_t *data, int count)
{
    uint32_t c = crc;
    int i;
    if (!gs_crc_table_ready) {
        gs_crc16_build_table();
    }

    for (i = 0; i < count; i++) {
        c = ((c << 8) ^ gs_crc_table[((c >> 8) ^ data[i]) & 0xFFu]) & 0xFFFFu;
    }

    return (uint16_t)c;
}
