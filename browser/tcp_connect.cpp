#include "browser/tcp_connect.hpp"

// GCC 12 sees Asio's aligned_delete inlined into coroutine frames and reports the free() of
// memory it believes came from operator new (a false positive on coroutine frames).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif


#include "core/concat.hpp"
#include "net/asio_aliases.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

namespace replayer::browser {

using namespace replayer::net;
using namespace asio::experimental::awaitable_operators;

asio::awaitable<bool> stop_asked() {
  co_return (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none;
}

asio::awaitable<std::optional<cdp_failure>> connect_tcp(beast::tcp_stream& stream, std::string_view host,
                                                        std::uint16_t port, clock::time_point deadline,
                                                        std::string_view what) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  asio::steady_timer timer(executor, deadline);
  std::string name(host);
  if (name.starts_with('[')) name = name.substr(1, name.size() - 2);
  auto resolved = co_await (resolver.async_resolve(name, std::to_string(port), as_result) || timer.async_wait(as_result));
  if (resolved.index() == 1)
    co_return cdp_failure{concat({what, ": resolving ", host, " took longer than the deadline"}), true, false, {}};
  auto [resolve_error, endpoints] = std::get<0>(resolved);
  if (resolve_error) co_return cdp_failure{concat({what, ": resolving ", host, ": ", resolve_error.message()}), false, true, {}};
  stream.expires_at(deadline);
  auto [connect_error, endpoint] = co_await stream.async_connect(endpoints, as_result);
  if (connect_error == beast::error::timeout)
    co_return cdp_failure{concat({what, ": no connection within the deadline"}), true, false, {}};
  if (connect_error)
    co_return cdp_failure{concat({what, ": ", connect_error.message(),
                                  ": is Chrome running with --remote-debugging-port=", std::to_string(port), "?"}),
                          false, true, {}};
  // A call is written in several pieces (a client masks its frames in 4 KiB chunks): with Nagle
  // on, each piece after the first waits for the peer's delayed ACK, some 40 ms per large call.
  boost::system::error_code nodelay_error;
  stream.socket().set_option(tcp::no_delay(true), nodelay_error);
  co_return std::nullopt;
}

}  // namespace replayer::browser
