//-----------------------------------------------------------------------------
// Marshalling of NativeAfe's InternalCalls onto the ESP-IDF glue (esp32/gs_afe_esp32.c). Static methods: argument
// n is parameter n. Arrays are pinned managed buffers; nothing here allocates.
//-----------------------------------------------------------------------------

#include "GluteSense_Native.h"

extern "C" {
#include "gs_afe_esp32.h"
}

typedef Library_GluteSense_Native_GluteSense_Native_NativeAfe NativeAfe;

// ReadBlock waits at most this long for a block (longer than a 50 ms block, short enough for Stop to be seen).
static const int ReadBlockTimeoutMs = 100;

// The managed sections array holds at least `count` sections of five coefficients.
static bool SectionsFit(CLR_RT_TypedArray_float &sections, signed int count)
{
    return count >= 0 && count <= GS_MAX_SECTIONS && (CLR_UINT32)count * GS_COEFFS_PER_SECTION <= sections.GetSize();
}

HRESULT NativeAfe::Start___STATIC__I4__I4__I4__I4__I4__I4__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        signed int rate, channels, block;
        gs_afe_pins pins;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, rate));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 1, channels));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 2, block));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 3, pins.spi_host));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 4, pins.cs_gpio));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 5, pins.drdy_gpio));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 6, pins.spi_clock_hz));
        SetResult_INT32(stack, gs_afe_start(&pins, rate, channels, block));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAfe::Stop___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    SetResult_INT32(stack, gs_afe_stop());
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeAfe::WriteRegister___STATIC__I4__U1__U1(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        unsigned char address, value;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8(stack, 0, address));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8(stack, 1, value));
        SetResult_INT32(stack, gs_afe_write_register(address, value));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAfe::ConfigureChain___STATIC__I4__SZARRAY_R4__I4__I4__I4__SZARRAY_R4__SZARRAY_R4__R4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        CLR_RT_TypedArray_float sections, linear, notch;
        signed int count, window, hop;
        float lsb;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_float_ARRAY(stack, 0, sections));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 1, count));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 2, window));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 3, hop));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_float_ARRAY(stack, 4, linear));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_float_ARRAY(stack, 5, notch));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_float(stack, 6, lsb));
        if (!SectionsFit(sections, count))
        {
            NANOCLR_SET_AND_LEAVE(CLR_E_INDEX_OUT_OF_RANGE);
        }

        SetResult_INT32(stack, gs_afe_configure_chain(sections.GetBuffer(), count, window, hop,
            linear.GetSize() >= GS_COEFFS_PER_SECTION ? linear.GetBuffer() : NULL,
            notch.GetSize() >= GS_COEFFS_PER_SECTION ? notch.GetBuffer() : NULL, lsb));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAfe::ReadBlock___STATIC__I4__SZARRAY_I4__SZARRAY_R4__SZARRAY_R4__BYREF_U4__BYREF_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        CLR_RT_TypedArray_INT32 codes;
        CLR_RT_TypedArray_float filtered, envelope;
        unsigned int *firstUs;
        UINT8 heapblock3[CLR_RT_HEAP_BLOCK_SIZE];
        signed int *lost;
        UINT8 heapblock4[CLR_RT_HEAP_BLOCK_SIZE];
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 0, codes));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_float_ARRAY(stack, 1, filtered));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_float_ARRAY(stack, 2, envelope));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT32_ByRef(stack, heapblock3, 3, firstUs));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ByRef(stack, heapblock4, 4, lost));
        // The managed buffers hold the largest block of every channel: codes and filtered channels x 100, envelope
        // channels x stride (checked once per block, not per sample).
        CLR_UINT32 channels = codes.GetSize() / GS_MAX_BLOCK_SAMPLES;
        if (channels < 1 || codes.GetSize() != channels * GS_MAX_BLOCK_SAMPLES || filtered.GetSize() < codes.GetSize()
            || envelope.GetSize() < channels)
        {
            NANOCLR_SET_AND_LEAVE(CLR_E_INDEX_OUT_OF_RANGE);
        }

        int samples = gs_afe_read_block((int32_t *)codes.GetBuffer(), filtered.GetBuffer(), envelope.GetBuffer(),
            (int)(envelope.GetSize() / channels), firstUs, (int32_t *)lost, ReadBlockTimeoutMs);
        SetResult_INT32(stack, samples);
        NANOCLR_CHECK_HRESULT(Interop_Marshal_StoreRef(stack, heapblock3, 3));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_StoreRef(stack, heapblock4, 4));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAfe::ReadBlockInfo___STATIC__I4__SZARRAY_I4__SZARRAY_R4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        CLR_RT_TypedArray_INT32 info;
        CLR_RT_TypedArray_float quality;
        int leadOff;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 0, info));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_float_ARRAY(stack, 1, quality));
        const gs_emg_output *out = gs_afe_last_output(&leadOff);
        CLR_UINT32 channels = quality.GetSize() / 2;
        if (channels > GS_MAX_CHANNELS || info.GetSize() < 3 * channels + GS_MAX_BLOCK_SAMPLES)
        {
            NANOCLR_SET_AND_LEAVE(CLR_E_INDEX_OUT_OF_RANGE);
        }

        int32_t *i = (int32_t *)info.GetBuffer();
        float *q = quality.GetBuffer();
        for (CLR_UINT32 c = 0; c < channels; c++)
        {
            i[c] = out->envelope_count[c];
            i[channels + c] = out->clip_count[c];
            i[2 * channels + c] = out->flat_line[c];
            q[c] = out->band_rms_uv[c];
            q[channels + c] = out->powerline_ratio[c];
        }

        for (int e = 0; e < out->envelope_count[0]; e++)
        {
            i[3 * channels + e] = out->emit_sample[0][e];
        }

        SetResult_INT32(stack, leadOff);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeAfe::SelfTest___STATIC__U4__SZARRAY_R4__I4__I4__I4__R4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        CLR_RT_TypedArray_float sections;
        signed int count, window, hop;
        float lsb;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_float_ARRAY(stack, 0, sections));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 1, count));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 2, window));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 3, hop));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_float(stack, 4, lsb));
        if (!SectionsFit(sections, count))
        {
            NANOCLR_SET_AND_LEAVE(CLR_E_INDEX_OUT_OF_RANGE);
        }

        SetResult_UINT32(stack, gs_afe_selftest(sections.GetBuffer(), count, window, hop, lsb));
    }
    NANOCLR_NOCLEANUP();
}
