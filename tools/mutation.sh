#!/usr/bin/env bash
# Mutation testing with mutmut 3 over the core: does a small bug in the code fail a test?
# Not part of the test run or CI: run it by hand before and after work on a core module.
#
#   bash tools/mutation.sh                       # services and store (and exports, imports once they exist)
#   bash tools/mutation.sh services              # one package
#   bash tools/mutation.sh facilitator/services/fields.py ...   # some files
#   bash tools/mutation.sh --changed             # only the files changed since main
#   bash tools/mutation.sh --retest services     # run the survivors again (after adding tests)
#   bash tools/mutation.sh --score               # print the figures from the last runs
#
# Results are cached in build/mutation (per function: an unchanged function is not run again,
# new tests are picked up). It runs niced, one worker, as the machine is shared.
# MUTATION_FOLDER=services bash tools/mutation.sh services  works in build/mutation-services
# instead, so a second package can run beside the first (each run collects its own test
# stats); --score reads every such folder and takes the newest results of each file.
# MUTATION_TESTS="tests/services/cohort tests/store" runs only those tests (give it with its own
# MUTATION_FOLDER: a change of tests starts a folder's results again); quicker, but a mutant
# only another test would kill counts as a survivor, so its score is a lower bound.
# Prints `figure: mutation_score <killed %> %` per package; tools/mutation-equivalent.txt lists
# the survivors judged equivalent, left out of the score.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/build/mutation${MUTATION_FOLDER:+-$MUTATION_FOLDER}
workers=${MUTATION_WORKERS:-1}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if [ ! -x .venv/bin/mutmut ]; then
    [ -x .venv/bin/python ] || bash installer/dev.sh test --co -q >/dev/null
    say "installing mutmut into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,mutation]'
fi

changed=0 retest=0 score_only=0 targets=()
for arg in "$@"; do
    case "$arg" in
        --changed) changed=1 ;;
        --retest) retest=1 ;;
        --score) score_only=1 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        -*) echo "tools/mutation.sh: unknown option $arg" >&2; exit 2 ;;
        *) targets+=("$arg") ;;
    esac
done

packages=()
for p in services store exports imports; do
    [ -d "facilitator/$p" ] && packages+=("$p")
done

if [ "$score_only" = 1 ]; then
    exec .venv/bin/python tools/mutation_score.py "${targets[@]:-${packages[@]}}"
fi

# What to mutate, as globs on paths under facilitator/.
globs=()
if [ "$changed" = 1 ]; then
    base=$(git merge-base HEAD main 2>/dev/null || echo HEAD)
    while IFS= read -r f; do
        for p in "${packages[@]}"; do
            case "$f" in facilitator/$p/*.py) [ -f "$f" ] && globs+=("$f") ;; esac
        done
    done < <({ git diff --name-only "$base"; git diff --name-only; git ls-files --others --exclude-standard; } | sort -u)
    [ ${#globs[@]} -gt 0 ] || { say "no changed files under ${packages[*]}"; exit 0; }
elif [ ${#targets[@]} -eq 0 ]; then
    for p in "${packages[@]}"; do globs+=("facilitator/$p/*"); done
else
    for t in "${targets[@]}"; do
        if [ -d "facilitator/$t" ]; then globs+=("facilitator/$t/*")
        elif [ -f "$t" ]; then globs+=("$t")
        else echo "tools/mutation.sh: no package or file $t" >&2; exit 2
        fi
    done
fi
shown=()
for p in "${packages[@]}"; do
    for g in "${globs[@]}"; do case "$g" in facilitator/$p/*) shown+=("$p"); break ;; esac; done
done

# The work folder: the sources, tests and config by link, mutmut's copies and results beside.
mkdir -p "$work"
for name in facilitator tests resources tools pyproject.toml; do ln -sfn "$root/$name" "$work/$name"; done
{
    if [ -n "${MUTATION_TESTS:-}" ]; then
        # a narrower test selection: faster stats, but kills by other tests are not counted
        awk '/^pytest_add_cli_args_test_selection =/ { skip = 1; print; next }
             skip && /^    / { next } { skip = 0; print }' tools/mutation.cfg
    else
        cat tools/mutation.cfg
    fi
    echo "only_mutate ="
    for g in "${globs[@]}"; do echo "    $g"; done
} > "$work/setup.cfg"
if [ -n "${MUTATION_TESTS:-}" ]; then
    sed -i "s|^pytest_add_cli_args_test_selection =\$|&$(printf '\\n    %s' $MUTATION_TESTS)|" "$work/setup.cfg"
fi

# mutmut copies every file it does not mutate into mutants/ and later takes such a copy for a
# file already mutated; so a file chosen now that has no results yet is removed there first.
for g in "${globs[@]}"; do
    case "$g" in
        */\*) files=$(find "${g%/\*}" -name '*.py') ;;
        *) files=$g ;;
    esac
    for f in $files; do
        if [ ! -f "$work/mutants/$f.meta" ]; then
            rm -f "$work/mutants/$f"
            # which test reaches which function was recorded while this file was a plain copy
            rm -f "$work/mutants/mutmut-stats.json"
        fi
    done
done

names=()
if [ "$retest" = 1 ]; then
    mapfile -t names < <(.venv/bin/python tools/mutation_score.py "${shown[@]}" | sed -n "s/^  survived: \([^ ]*\) *(build\/${work##*/}:.*/\1/p")
    [ ${#names[@]} -gt 0 ] || say "no survivors to run again"
fi

say "mutating: ${globs[*]} (${workers} worker, niced; cached in ${work#"$root"/})"
cd "$work"
set +e
QT_QPA_PLATFORM=offscreen LANG=${LANG:-C.UTF-8} nice -n 19 \
    "$root/.venv/bin/mutmut" run --max-children "$workers" "${names[@]}" > "$work/last-run.log" 2>&1
status=$?
set -e
cd "$root"
tail -n 3 "$work/last-run.log" | tr '\r' '\n' | tail -n 3 >&2
[ $status -eq 0 ] || { say "mutmut stopped with status $status (see ${work#"$root"/}/last-run.log)"; }
.venv/bin/python tools/mutation_score.py "${shown[@]}"
exit $status
