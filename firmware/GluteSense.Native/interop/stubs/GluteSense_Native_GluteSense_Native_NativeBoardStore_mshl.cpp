//-----------------------------------------------------------------------------
// Marshalling of NativeBoardStore's InternalCall onto the ESP-IDF glue (esp32/gs_board_store_esp32.c): the passkey
// written to NVS at flashing, read-only.
//-----------------------------------------------------------------------------

#include "GluteSense_Native.h"

extern "C" {
#include "gs_board_store_esp32.h"
}

typedef Library_GluteSense_Native_GluteSense_Native_NativeBoardStore NativeBoardStore;

HRESULT NativeBoardStore::ReadPasskey___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    SetResult_INT32(stack, gs_board_store_read_passkey());
    NANOCLR_NOCLEANUP_NOLABEL();
}
