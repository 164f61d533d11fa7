// The one translation unit that compiles Beast's implementation (see net/CMakeLists.txt).
#include <boost/beast/src.hpp>
// Asio's OpenSSL support, compiled once as well; only the network layer uses it.
#include <boost/asio/ssl/impl/src.hpp>
