// The one translation unit that compiles Asio's implementation (see net/CMakeLists.txt).
#include <boost/asio/impl/src.hpp>
