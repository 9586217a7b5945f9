//-----------------------------------------------------------------------------
// GluteSense.Native interop stubs, in the layout nanoFramework's MetadataProcessor generates (one struct per class,
// NANOCLR_NATIVE_DECLARE per InternalCall, the assembly's CLR_RT_NativeAssemblyData). Goes to
// nf-interpreter/InteropAssemblies/GluteSense.Native/ (docs/flashing.md).
//-----------------------------------------------------------------------------

#ifndef GLUTESENSE_NATIVE_H
#define GLUTESENSE_NATIVE_H

#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoPackStruct.h>

struct Library_GluteSense_Native_GluteSense_Native_NativeAfe
{
    NANOCLR_NATIVE_DECLARE(Start___STATIC__I4__I4__I4__I4__I4__I4__I4__I4);
    NANOCLR_NATIVE_DECLARE(Stop___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(WriteRegister___STATIC__I4__U1__U1);
    NANOCLR_NATIVE_DECLARE(ConfigureChain___STATIC__I4__SZARRAY_R4__I4__I4__I4__SZARRAY_R4__SZARRAY_R4__R4);
    NANOCLR_NATIVE_DECLARE(ReadBlock___STATIC__I4__SZARRAY_I4__SZARRAY_R4__SZARRAY_R4__BYREF_U4__BYREF_I4);
    NANOCLR_NATIVE_DECLARE(ReadBlockInfo___STATIC__I4__SZARRAY_I4__SZARRAY_R4);
    NANOCLR_NATIVE_DECLARE(SelfTest___STATIC__U4__SZARRAY_R4__I4__I4__I4__R4);

    //--//
};

struct Library_GluteSense_Native_GluteSense_Native_NativeBoardStore
{
    NANOCLR_NATIVE_DECLARE(ReadPasskey___STATIC__I4);

    //--//
};

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_GluteSense_Native;

#endif // GLUTESENSE_NATIVE_H
