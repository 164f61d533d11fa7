# The two entry points a newcomer needs (see README.md).
.PHONY: setup demo test tsan fuzz bench

setup:
	@scripts/setup.sh

# Build and run the main job (a backtest over the bundled recordings); no network needed.
demo: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target replayer
	@./build/release/app/replayer backtest --strategy conservative tests/data

# A sanitizer report fails the run even when the process that wrote it was expected to fail
# anyway (an e2e script that checks only what was printed): the test presets send every report
# to a file under build/PRESET/sanitizer-reports (log_path), and a run with any such file fails.
reports = build/$(1)/sanitizer-reports
define sanitized_tests
	@rm -rf $(reports) && mkdir -p $(reports)
	@status=0; ctest --preset $(1) -j2 $(2) || status=1; \
	  if [ -n "$$(ls -A $(reports))" ]; then \
	    echo "$(1): sanitizer reports ($(reports)):" >&2; cat $(reports)/* >&2; status=1; fi; \
	  exit $$status
endef

# Build everything with warnings as errors under ASan + UBSan and run every test, unit and
# end-to-end: a memory error, a leak or undefined behaviour fails it.
test: setup
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	$(call sanitized_tests,asan)

# The threaded parts under TSan: the worker pool, recordings decoded and games played on workers
# (both wallets), a sweep's points, simulate's writers, the recorder's writer thread and the
# hand-off of batch work from the io_context (threaded_tests, tests/CMakeLists.txt).
tsan: setup
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan --target threaded_tests
	$(call sanitized_tests,tsan,-R '^threaded\.')

fuzz:
	@scripts/setup.sh --fuzz
	@scripts/fuzz.sh

bench: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release
	@scripts/bench.sh
