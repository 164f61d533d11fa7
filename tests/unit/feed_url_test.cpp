// feed_url: the live server's URL (core/feed/feed_url): schemes, hosts, ports, and the path and
// query kept for the Socket.IO request target; every refusal names the URL and why.
#include "core/feed/feed_url.hpp"

#include <boost/test/unit_test.hpp>

using replayer::parse_feed_url;

BOOST_AUTO_TEST_SUITE(feed_url)

BOOST_AUTO_TEST_CASE(the_default_is_the_real_backend_with_its_query) {
  auto u = parse_feed_url(replayer::default_feed_url);
  BOOST_TEST_REQUIRE(u.has_value());
  BOOST_TEST(u->tls);
  BOOST_TEST(u->host == "backend.rugs.fun");
  BOOST_TEST(u->port == 443);
  BOOST_TEST(u->path_and_query == "?frontend-version=1.0");
  BOOST_TEST(!u->loopback());
}

BOOST_AUTO_TEST_CASE(schemes_hosts_and_ports) {
  auto a = parse_feed_url("ws://127.0.0.1:8080");
  BOOST_TEST_REQUIRE(a.has_value());
  BOOST_TEST(!a->tls);
  BOOST_TEST(a->port == 8080);
  BOOST_TEST(a->path_and_query == "");
  BOOST_TEST(a->loopback());
  BOOST_TEST(a->authority() == "127.0.0.1:8080");
  auto b = parse_feed_url("http://localhost/admin?x=1");
  BOOST_TEST_REQUIRE(b.has_value());
  BOOST_TEST(b->port == 80);
  BOOST_TEST(b->path_and_query == "/admin?x=1");
  auto c = parse_feed_url("wss://[::1]:9443/?a=b");
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(c->host == "[::1]");
  BOOST_TEST(c->port == 9443);
  BOOST_TEST(c->loopback());
}

BOOST_AUTO_TEST_CASE(what_is_refused) {
  for (const char* bad : {"ftp://x", "backend.rugs.fun", "ws://", "ws://host:0", "ws://host:99999", "ws://host:8x",
                          "ws://user@host", "ws://ho st", "ws://[::1"}) {
    auto u = parse_feed_url(bad);
    BOOST_TEST_REQUIRE(!u.has_value(), bad);
    BOOST_TEST(u.error().find(std::string("'") + bad + "'") != std::string::npos, u.error());
  }
}

BOOST_AUTO_TEST_SUITE_END()
