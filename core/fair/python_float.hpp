#pragma once
// A double as Python's repr() (and so json.dumps) writes it: the shortest text that reads back
// as the same double, "1.0" for integral values, exponent form outside 1e-4 <= |x| < 1e16
// ("1e-05", "1.5e+16"). The recorder wrote every price this way.
#include <string>

namespace replayer {

/// Appends repr(`value`). NaN and infinities come out as json.dumps writes them: NaN, Infinity.
void append_python_float(std::string& out, double value);
std::string python_float(double value);

}  // namespace replayer
