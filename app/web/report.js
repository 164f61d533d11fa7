// The HTML report's page script (app/html_report.cpp): draws every canvas of the page with
// ReplayerCharts from the JSON in the script element #replayer-data: the equity chart and one price
// chart per canvas[data-game].
(function () {
  'use strict';
  try {
    const data = JSON.parse(document.getElementById('replayer-data').textContent);
    ReplayerCharts.equity(document.getElementById('equity'), {height: 340}).update(data.equity);
    for (const canvas of document.querySelectorAll('canvas[data-game]')) {
      const game = data.games[Number(canvas.dataset.game)];
      ReplayerCharts.price(canvas, {title: 'Game ' + game.id, height: 260}).update({games: [game]});
    }
  } catch (e) {
    window.__replayerChartErrors.push('report: ' + (e && e.stack ? e.stack : String(e)));
  }
})();
