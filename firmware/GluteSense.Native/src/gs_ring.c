/*
 * Lock-free single-producer/single-consumer ring of AFE sample frames.
 *
 * The producer (the DRDY task on the board) writes a slot, then publishes it by advancing head with release
 * ordering; the consumer reads head with acquire ordering, copies the slot, then frees it by advancing tail with
 * release ordering. head and tail are free-running 32-bit counters (capacity is a power of two, so wrap-around is
 * harmless). Every DRDY gets the next sequence number whether or not it is stored, so the consumer counts exactly
 * which samples were lost from the gaps; the producer also counts them (overruns) for the status frame.
 */
#include "gs_native.h"

#include <string.h>

/* GCC and the Xtensa/RISC-V ESP-IDF toolchains provide these builtins in C99 mode. */
#define GS_LOAD_ACQUIRE(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define GS_STORE_RELEASE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define GS_LOAD_RELAXED(p) __atomic_load_n((p), __ATOMIC_RELAXED)

void gs_ring_init(gs_sample_ring *r)
{
    memset(r, 0, sizeof(*r));
}

int gs_ring_push(gs_sample_ring *r, uint32_t time_us, int32_t status, const int32_t *codes, int channels)
{
    uint32_t head = GS_LOAD_RELAXED(&r->head);
    uint32_t tail = GS_LOAD_ACQUIRE(&r->tail);
    uint32_t sequence = GS_LOAD_RELAXED(&r->produced);
    gs_sample_frame *slot;
    GS_STORE_RELEASE(&r->produced, sequence + 1u);
    if (head - tail >= GS_RING_CAPACITY) {
        GS_STORE_RELEASE(&r->overruns, GS_LOAD_RELAXED(&r->overruns) + 1u);
        return 0;
    }

    slot = &r->slots[head & (GS_RING_CAPACITY - 1u)];
    slot->sequence = sequence;
    slot->time_us = time_us;
    slot->status = status;
    memcpy(slot->codes, codes, (size_t)channels * sizeof(int32_t));
    GS_STORE_RELEASE(&r->head, head + 1u);
    return 1;
}

void gs_ring_skip(gs_sample_ring *r)
{
    GS_STORE_RELEASE(&r->produced, GS_LOAD_RELAXED(&r->produced) + 1u);
    GS_STORE_RELEASE(&r->overruns, GS_LOAD_RELAXED(&r->overruns) + 1u);
}

int gs_ring_pop(gs_sample_ring *r, gs_sample_frame *out, uint32_t *lost)
{
    uint32_t tail = GS_LOAD_RELAXED(&r->tail);
    uint32_t head = GS_LOAD_ACQUIRE(&r->head);
    if (head == tail) {
        return 0;
    }

    *out = r->slots[tail & (GS_RING_CAPACITY - 1u)];
    GS_STORE_RELEASE(&r->tail, tail + 1u);
    *lost = out->sequence - r->expected;
    r->expected = out->sequence + 1u;
    return 1;
}

uint32_t gs_ring_count(const gs_sample_ring *r)
{
    return GS_LOAD_ACQUIRE(&r->head) - GS_LOAD_ACQUIRE(&r->tail);
}

uint32_t gs_ring_overruns(const gs_sample_ring *r)
{
    return GS_LOAD_ACQUIRE(&r->overruns);
}

int gs_ring_read_block(gs_sample_ring *r, int channels, int max_samples, int32_t *codes, uint32_t *first_time_us,
                       uint32_t *lost_before, int *lead_off_mask)
{
    int n = 0;
    *lost_before = 0;
    *lead_off_mask = 0;
    while (n < max_samples) {
        uint32_t tail = GS_LOAD_RELAXED(&r->tail);
        uint32_t head = GS_LOAD_ACQUIRE(&r->head);
        const gs_sample_frame *slot;
        uint32_t gap;
        if (head == tail) {
            break;
        }

        slot = &r->slots[tail & (GS_RING_CAPACITY - 1u)];
        gap = slot->sequence - r->expected;
        if (gap != 0 && n > 0) {
            break; /* a block holds contiguous samples only; the gap opens the next block */
        }

        if (n == 0) {
            *first_time_us = slot->time_us;
            *lost_before = gap;
        }

        memcpy(codes + n * channels, slot->codes, (size_t)channels * sizeof(int32_t));
        *lead_off_mask |= gs_lead_off_mask(slot->status);
        r->expected = slot->sequence + 1u;
        GS_STORE_RELEASE(&r->tail, tail + 1u);
        n++;
    }

    return n;
}
