// glibc's memmem, which Swift's Glibc module leaves out (it is declared only under _GNU_SOURCE). The C library
// has it on every system this builds on; the declaration is the one glibc and musl give.
#include <stddef.h>
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
