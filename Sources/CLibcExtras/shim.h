// Functions of the C library that Swift's Glibc module leaves out.
#include <stddef.h>

// memmem is declared only under _GNU_SOURCE; glibc, musl and macOS's libc all have it, with this signature.
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);

#ifdef __linux__
// mallopt, to cap glibc's malloc arenas.
#include <malloc.h>
#endif
