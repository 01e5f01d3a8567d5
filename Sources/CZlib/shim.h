// The system zlib (Debian's zlib1g-dev), used to decode gzip and deflate bodies.
#include <zlib.h>
