#pragma once
// The browser-side assets of app/web, compiled in by replayer_embed_text (CMakeLists.txt).
#include <string_view>

namespace replayer::app::web {

/// app/web/charts.js: window.ReplayerCharts.price(canvas, options) and .equity(canvas, options).
std::string_view charts_script();
/// app/web/report.js: the HTML report's page script (draws its charts from its JSON data).
std::string_view report_script();
/// app/web/dashboard.html, .js, .css: the dashboard's page (app/dashboard.cpp serves them).
std::string_view dashboard_page();
std::string_view dashboard_script();
std::string_view dashboard_style();

}  // namespace replayer::app::web
