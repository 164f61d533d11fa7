// http_get_json: Chrome's discovery documents (/json/version, /json/list) over one HTTP/1.1
// request, bounded in time (the whole exchange) and in size.
#include "browser/cdp_client.hpp"

// GCC 12 sees Asio's aligned_delete inlined into coroutine frames and reports the free() of
// memory it believes came from operator new (a false positive on coroutine frames).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include "browser/tcp_connect.hpp"

#include "core/concat.hpp"
#include "net/asio_aliases.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/beast/http.hpp>

namespace replayer::browser {

using namespace replayer::net;
namespace http = beast::http;

namespace {
constexpr std::size_t max_discovery_body = std::size_t{4} << 20;
}

asio::awaitable<boost::system::result<std::string, cdp_failure>> http_get_json(const cdp::endpoint& where,
                                                                               std::string_view target,
                                                                               std::chrono::milliseconds timeout) {
  using result = boost::system::result<std::string, cdp_failure>;
  const std::string what = concat({"GET http://", where.authority(), target});
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  if (auto failure = co_await connect_tcp(stream, where.host, where.port, clock::now() + timeout, what))
    co_return result(boost::system::in_place_error, std::move(*failure));
  http::request<http::empty_body> request(http::verb::get, target, 11);
  request.set(http::field::host, where.authority());  // Chrome answers only an IP address or localhost here
  request.set(http::field::user_agent, "replayer");
  auto fail = [&](const beast::error_code& ec, std::string_view step) {
    const bool timed_out = ec == beast::error::timeout;
    return result(boost::system::in_place_error,
                  cdp_failure{concat({what, ": ", step, ": ", timed_out ? "no answer within the deadline" : ec.message()}),
                              timed_out, !timed_out, {}});
  };
  auto [write_error, written] = co_await http::async_write(stream, request, as_result);
  if (write_error) co_return fail(write_error, "sending the request");
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_discovery_body);
  auto [read_error, read] = co_await http::async_read(stream, buffer, parser, as_result);
  if (read_error) co_return fail(read_error, "reading the answer");
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  auto& response = parser.get();
  if (response.result() != http::status::ok)
    co_return result(boost::system::in_place_error,
                     cdp_failure{concat({what, ": HTTP ", std::to_string(response.result_int()), " ",
                                         std::string_view(response.reason().data(), response.reason().size()),
                                         ": is this Chrome's DevTools endpoint?"}),
                                 false, false, {}});
  co_return result(boost::system::in_place_value, std::move(response.body()));
}

}  // namespace replayer::browser
