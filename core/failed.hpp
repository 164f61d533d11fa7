#pragma once
// The failure of a function that returns result<T, std::string>, spelled once: `return
// failed<T>("why")` where a braced {in_place_error, why} cannot be written (co_return, or a
// value type that a string converts to).
#include <boost/system/result.hpp>

#include <string>
#include <utility>

namespace replayer {

template <class T>
boost::system::result<T, std::string> failed(std::string why) {
  return boost::system::result<T, std::string>(boost::system::in_place_error, std::move(why));
}

}  // namespace replayer
