// Functions of the C library that Swift's Glibc module leaves out.
#include <stddef.h>

// memmem is declared only under _GNU_SOURCE; glibc, musl and macOS's libc all have it, with this signature.
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);

#ifdef __linux__
// mallopt, to cap glibc's malloc arenas.
#include <malloc.h>
#endif

#ifdef __linux__
// The calling thread's kernel id, which setpriority takes to change one thread's nice value; glibc declares
// gettid only under _GNU_SOURCE, so it is asked of the kernel directly.
#include <sys/syscall.h>
#include <unistd.h>
static inline int jarvis_thread_id(void) { return (int)syscall(SYS_gettid); }
#endif
