#define BOOST_TEST_MODULE replayer
#include <boost/test/unit_test.hpp>
