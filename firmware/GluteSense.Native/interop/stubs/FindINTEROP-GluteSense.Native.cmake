# nf-interpreter CMake module for the GluteSense.Native interop assembly (copy to nf-interpreter/CMake/Modules, see
# docs/flashing.md). The portable C and the ESP-IDF glue come from this repository's firmware/GluteSense.Native;
# the stubs are copied to InteropAssemblies/GluteSense.Native.
set(BASE_PATH_FOR_THIS_MODULE ${PROJECT_SOURCE_DIR}/InteropAssemblies/GluteSense.Native)

list(APPEND GluteSense.Native_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Core)
list(APPEND GluteSense.Native_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Include)
list(APPEND GluteSense.Native_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/HAL/Include)
list(APPEND GluteSense.Native_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/PAL/Include)
list(APPEND GluteSense.Native_INCLUDE_DIRS ${BASE_PATH_FOR_THIS_MODULE})

set(GluteSense.Native_SRCS
    GluteSense_Native.cpp
    GluteSense_Native_GluteSense_Native_NativeAfe_mshl.cpp
    GluteSense_Native_GluteSense_Native_NativeBoardStore_mshl.cpp
    gs_emg.c
    gs_frame.c
    gs_ring.c
    gs_selftest.c
    gs_board_store.c
    gs_afe_esp32.c
    gs_board_store_esp32.c
)

foreach(SRC_FILE ${GluteSense.Native_SRCS})
    set(GluteSense.Native_SRC_FILE SRC_FILE-NOTFOUND)
    find_file(GluteSense.Native_SRC_FILE ${SRC_FILE} PATHS ${BASE_PATH_FOR_THIS_MODULE} CMAKE_FIND_ROOT_PATH_BOTH)
    list(APPEND GluteSense.Native_SOURCES ${GluteSense.Native_SRC_FILE})
endforeach()

# The numerics contract with the C# reference (bitwise-equal floats): no contraction into madd.s, no fast-math.
set_source_files_properties(
    ${BASE_PATH_FOR_THIS_MODULE}/gs_emg.c ${BASE_PATH_FOR_THIS_MODULE}/gs_frame.c ${BASE_PATH_FOR_THIS_MODULE}/gs_ring.c
    ${BASE_PATH_FOR_THIS_MODULE}/gs_selftest.c ${BASE_PATH_FOR_THIS_MODULE}/gs_afe_esp32.c
    ${BASE_PATH_FOR_THIS_MODULE}/gs_board_store.c ${BASE_PATH_FOR_THIS_MODULE}/gs_board_store_esp32.c
    PROPERTIES COMPILE_OPTIONS "-std=c99;-O2;-ffp-contract=off;-fno-fast-math")

include(FindPackageHandleStandardArgs)
FIND_PACKAGE_HANDLE_STANDARD_ARGS(GluteSense.Native DEFAULT_MSG GluteSense.Native_INCLUDE_DIRS GluteSense.Native_SOURCES)
