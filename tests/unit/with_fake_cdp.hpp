// Runs a test body against the scripted fake CDP endpoint (browser/fake_cdp_endpoint.hpp) on one
// io_context, then stops the endpoint. Bounded: the test fails if the body has not returned
// within `limit`, instead of hanging; what the body threw is rethrown.
#pragma once

#include "browser/fake_cdp_endpoint.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <exception>
#include <functional>

namespace test_support {

inline void with_fake_cdp(replayer::browser::fake_cdp_options options,
                          const std::function<boost::asio::awaitable<void>(replayer::browser::fake_cdp_endpoint&)>& body,
                          std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  namespace asio = boost::asio;
  asio::io_context ioc(1);
  replayer::browser::fake_cdp_endpoint fake(ioc.get_executor(), std::move(options));
  asio::cancellation_signal stop_fake;
  bool fake_returned = false, body_returned = false;
  std::exception_ptr failure;
  asio::co_spawn(ioc, fake.run(),
                 asio::bind_cancellation_slot(stop_fake.slot(), [&](std::exception_ptr) { fake_returned = true; }));
  asio::co_spawn(ioc, body(fake), [&](std::exception_ptr e) {
    failure = e;
    body_returned = true;
    stop_fake.emit(asio::cancellation_type::terminal);
  });
  ioc.run_for(limit);
  BOOST_TEST_REQUIRE(body_returned, "the test did not finish within " << limit.count() << " ms");
  BOOST_TEST(fake_returned, "the fake endpoint did not stop");
  if (failure) std::rethrow_exception(failure);
}

}  // namespace test_support
