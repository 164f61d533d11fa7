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

# A sanitizer report fails the stage even when the process that wrote it was expected to fail
# anyway (an e2e script that checks only what was printed): the test presets send every report
# to a file under build/PRESET/sanitizer-reports (log_path), and a stage with any such file fails.
reports = build/$(1)/sanitizer-reports
define sanitized_tests
	@rm -rf $(reports) && mkdir -p $(reports)
	@status=0; ctest --preset $(1) -j2 $(2) || status=1; \
	  if [ -n "$$(ls -A $(reports))" ]; then \
	    echo "$(1): sanitizer reports ($(reports)):" >&2; cat $(reports)/* >&2; status=1; fi; \
	  exit $$status
endef

asan: setup
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan --target unit_tests replayer
	$(call sanitized_tests,asan)

# The threaded parts: the worker pool itself, file decoding and backtests on workers (both
# wallets), sweeps, simulate's writers, the recorder's writer thread, and a stop reaching all of
# them (batch_faults: SIGINT during sweeps and backtests with --jobs 2).
TSAN_TESTS = unit\.(ordered_pool|backtest|backtest_property|recorder)$$|e2e\.(backtest_cli|simulate_roundtrip|batch_faults)$$

tsan: setup
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan --target unit_tests replayer
	$(call sanitized_tests,tsan,-R '$(TSAN_TESTS)')

fuzz:
	@scripts/setup.sh --fuzz
	@scripts/fuzz.sh

bench: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release
	@scripts/bench.sh
