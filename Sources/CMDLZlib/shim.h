#ifndef CMDLZLIB_SHIM_H
#define CMDLZLIB_SHIM_H
#include <zlib.h>
/* inflateInit and deflateInit are macros; Swift cannot call them. */
static inline int cmdl_inflate_init(z_streamp s) { return inflateInit(s); }
static inline int cmdl_deflate_init(z_streamp s, int level) { return deflateInit(s, level); }
#endif
