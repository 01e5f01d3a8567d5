// The system Brotli library (Debian's libbrotli-dev), used to decode `br` bodies.
#include <brotli/decode.h>
#include <brotli/encode.h>
