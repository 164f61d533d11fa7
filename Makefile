# The two entry points a newcomer needs (see README.md).
.PHONY: setup demo test asan tsan fuzz bench

setup:
	@scripts/setup.sh

# Build and run the main job (a backtest over the bundled recordings); no network needed.
demo: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target replayer
	@./build/release/app/replayer backtest --strategy conservative tests/data

# Build with warnings as errors and run every test.
test: setup
	@cmake --preset ci >/dev/null
	@cmake --build --preset ci
	@ctest --preset ci -j2

asan: setup
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan --target unit_tests replayer
	@ctest --preset asan -j2

# The threaded parts: the worker pool, file decoding and backtests, sweeps, simulate's writers.
TSAN_TESTS = unit\.(backtest|backtest_property|recorder)$$|e2e\.(backtest_cli|simulate_roundtrip)$$

tsan: setup
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan --target unit_tests replayer
	@ctest --preset tsan -j2 -R '$(TSAN_TESTS)'

fuzz:
	@scripts/setup.sh --fuzz
	@scripts/fuzz.sh

bench: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release
	@scripts/bench.sh
