# Two commands do all the set-up (see README.md):
#   make run    Odoo with customer_care and its demo data on http://localhost:8069
#   make test   static checks and the whole test suite on a throwaway database
# Odoo 18 is taken from ODOO_SRC when given, else the one python3 imports, else
# a clone of the official upstream 18.0 branch.
.PHONY: run test bench clean

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

bench:
	bash scripts/bench.sh $(BENCH)

clean:
	rm -rf .venv .venv-tools .test-logs build *.egg-info
