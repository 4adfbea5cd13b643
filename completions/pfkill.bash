# bash completion for pfkill(1)                            -*- shell-script -*-
#
# Written for bash-completion 2.x (_init_completion, _signals, _pids,
# _pgids, _pnames, _uids, _gids, _filedir); without it a reduced form still
# works on a bare bash.  Installed as "pfkill" in bash-completion's
# completionsdir, so it is loaded on first use.
#
# Nothing read from the system (process names, pidfile paths, cgroups) is
# ever passed to "compgen -W": compgen expands its word list, and a process
# may name itself "$(...)".  Candidates are filtered by prefix in bash.

# _pfkill_add WORD...: add the WORDs that start with $cur to COMPREPLY.
_pfkill_add()
{
    local word
    for word; do
        [[ $word == "$cur"* ]] && COMPREPLY+=("$word")
    done
    return 0
}

# _pfkill_add_lines CMD...: _pfkill_add on each distinct output line of CMD.
_pfkill_add_lines()
{
    local -a lines
    mapfile -t lines < <("$@" 2>/dev/null | LC_ALL=C sort -u)
    _pfkill_add "${lines[@]}"
}

# _pfkill_options CMD: the options "CMD --help" lists, one per line:
# "  -x, --exact ..." gives -x and --exact, "      --signal=SIG ..."
# gives --signal.  "-?" is left out (a glob); --help stands for it.
_pfkill_options()
{
    local line found=false
    while IFS= read -r line; do
        if [[ $line =~ ^[[:space:]]+(-[[:alnum:]])([,[:space:]]|$) ]]; then
            printf '%s\n' "${BASH_REMATCH[1]}"
            found=true
        fi
        if [[ $line =~ ^[[:space:]]+(-[^-[:space:]],[[:space:]]+)?(--[[:alnum:]][[:alnum:]-]*) ]]; then
            printf '%s\n' "${BASH_REMATCH[2]}"
            found=true
        fi
    done < <(LC_ALL=C "$1" --help 2>/dev/null)
    $found && return
    # pfkill could not be run (a path that is not there yet): a fixed list.
    printf '%s\n' --signal -l --list-signals --table -x --exact -f --full \
        -i --ignore-case --inverse -u --euid -U --uid -G --group \
        -g --pgroup -s --session -t --terminal -P --parent -n --newest \
        -o --oldest -O --older --younger -r --runstates --ns --nslist \
        --cgroup --env -p --pid -H --require-handler -A --ignore-ancestors \
        --include-ancestors --all-processes -F --pidfile -L --logpidfile \
        --expect-name --expect-exe --started-before -q --queue --tid \
        -w --wait --timeout --retry -I --interactive -m --mrelease \
        -e --echo -c --count --list --dry-run --json --verbose \
        -V --version --help --usage
}

# _pfkill_is_signal WORD: WORD names a signal the way pfkill reads
# "-WORD": TERM, SIGTERM, term, 15, RTMIN+2.
_pfkill_is_signal()
{
    local name=${1^^} sig
    [[ $name =~ ^[0-9]+$ ]] && return 0
    [[ $name ]] || return 1
    name=SIG${name#SIG}
    while IFS= read -r sig; do
        [[ $sig == "$name" ]] && return 0
    done < <(compgen -A signal -- "$name")
    # Old names pfkill also takes; bash does not list them.
    [[ $name =~ ^SIG(IOT|POLL|CLD)$ ]]
}

# _pfkill_signals PREFIX: signal names completing $cur, which starts with
# PREFIX ("" for --signal's value, "-" for a -SIGNAL word).  Upper case
# gives TERM, lower case term (pfkill takes either); SIGTERM once "SI" is
# typed.
_pfkill_signals()
{
    local prefix=$1 typed=${cur#"$1"} sig
    local upper=${typed^^} with_sig=false lower=false
    [[ $upper == SI* ]] && with_sig=true
    [[ $typed == [[:lower:]]* ]] && lower=true
    if ! $with_sig && ! $lower && declare -F _signals >/dev/null; then
        # bash-completion's own list; bash also knows SIGJUNK(32)/(33),
        # which no one can send by name.
        _signals "$prefix"
        local -a all=("${COMPREPLY[@]}")
        COMPREPLY=()
        for sig in "${all[@]}"; do
            [[ $sig == *JUNK* ]] || COMPREPLY+=("$sig")
        done
        return 0
    fi
    $with_sig || upper=SIG$upper
    while IFS= read -r sig; do
        [[ $sig == *JUNK* ]] && continue
        $with_sig || sig=${sig#SIG}
        $lower && sig=${sig,,}
        COMPREPLY+=("$prefix$sig")
    done < <(compgen -A signal -- "$upper")
}

# _pfkill_list GENERATOR [ARG...]: complete the last item of the comma
# list in $cur ("root,da" -> "root,daemon"); GENERATOR fills COMPREPLY
# for the item alone, seen as $cur.
_pfkill_list()
{
    local head=
    [[ $cur == *,* ]] && head=${cur%,*},
    local cur=${cur##*,}
    "$@"
    if ((${#COMPREPLY[@]})); then
        COMPREPLY=("${COMPREPLY[@]/#/"$head"}")
    fi
}

_pfkill_users()
{
    if [[ $cur =~ ^[0-9]+$ ]] && declare -F _uids >/dev/null; then
        _uids
    else
        mapfile -t COMPREPLY < <(compgen -u -- "$cur")
    fi
}

_pfkill_groups()
{
    if [[ $cur =~ ^[0-9]+$ ]] && declare -F _gids >/dev/null; then
        _gids
    else
        mapfile -t COMPREPLY < <(compgen -g -- "$cur")
    fi
}

_pfkill_pids()
{
    if declare -F _pids >/dev/null; then
        _pids
    else
        local -a ids
        mapfile -t ids < <(ps axo pid= 2>/dev/null | tr -d ' ')
        _pfkill_add "${ids[@]}"
    fi
}

_pfkill_pgids()
{
    if declare -F _pgids >/dev/null; then
        _pgids
    else
        local -a ids
        mapfile -t ids < <(ps axo pgid= 2>/dev/null | tr -d ' ' | LC_ALL=C sort -un)
        _pfkill_add "${ids[@]}"
    fi
}

_pfkill_sids()
{
    local -a ids
    mapfile -t ids < <(ps axo sess= 2>/dev/null | tr -d ' ' | LC_ALL=C sort -un)
    _pfkill_add "${ids[@]}"
}

_pfkill_tids()
{
    local -a ids
    mapfile -t ids < <(ps -eLo lwp= 2>/dev/null | tr -d ' ')
    _pfkill_add "${ids[@]}"
}

# Terminals that some process has as its controlling terminal: pts/3, tty1.
_pfkill_ttys()
{
    local -a ttys
    mapfile -t ttys < <(ps axo tty= 2>/dev/null | tr -d ' ' |
        grep -v '^[?-]*$' | LC_ALL=C sort -u)
    _pfkill_add "${ttys[@]}"
}

# cgroup v2 paths in use, as /proc/PID/cgroup shows them ("0::/PATH").
_pfkill_cgroups()
{
    local -a paths
    mapfile -t paths < <(sed -n 's/^0:://p' /proc/[0-9]*/cgroup 2>/dev/null |
        LC_ALL=C sort -u)
    _pfkill_add "${paths[@]}"
}

_pfkill_pnames()
{
    if declare -F _pnames >/dev/null; then
        # -s: the names as the kernel keeps them (comm), which is what
        # pfkill matches; argv[0] may say something else.
        _pnames -s
    else
        _pfkill_add_lines ps axo comm=
    fi
}

_pfkill_files()
{
    if declare -F _filedir >/dev/null; then
        _filedir
    else
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

# --retry: complete the signal after "TERM/5/" ("TERM/5/KI" -> KILL).
_pfkill_retry_signal()
{
    local head=${cur%/*}/
    local cur=${cur##*/}
    _pfkill_signals ""
    if ((${#COMPREPLY[@]})); then
        COMPREPLY=("${COMPREPLY[@]/#/"$head"}")
        compopt -o nospace 2>/dev/null
    fi
}

# Without bash-completion: the same variables _init_completion sets.
# bash splits "--opt=value" into "--opt" "=" "value".
_pfkill_init_fallback()
{
    COMPREPLY=()
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    ((cword > 0)) && prev=${COMP_WORDS[cword - 1]}
    if [[ $cur == = && $prev == --* ]]; then
        cur=
        split=true
    elif [[ $prev == = ]] && ((cword > 1)) &&
        [[ ${COMP_WORDS[cword - 2]} == --* ]]; then
        prev=${COMP_WORDS[cword - 2]}
        split=true
    fi
}

_pfkill()
{
    local cur prev words cword split=false
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return
    else
        _pfkill_init_fallback
    fi

    # Where are we: after "--" every word is a target; "-l" turns the
    # targets into signal names or exit statuses.
    local i word dashdash=false list_signals=false
    for ((i = 1; i < cword; i++)); do
        word=${words[i]}
        if [[ $word == -- ]]; then
            dashdash=true
            break
        fi
        [[ $word == --list-signals || $word =~ ^-[xfinoHALwImecV]*l[xfinoHALwImecV]*$ ]] &&
            list_signals=true
    done

    if ! $dashdash; then
        # The option that takes this word as its value.  "-xu" ends in -u;
        # "-HUP" or "-IO" is a signal, never an option cluster.
        local opt=$prev
        if [[ $prev =~ ^-[xfinoHALwImecVl]*([uUGgstPOrpFq])$ ]]; then
            opt=-${BASH_REMATCH[1]}
            _pfkill_is_signal "${prev#-}" && opt=$prev
        fi
        case $opt in
            --signal)
                _pfkill_signals ""
                return
                ;;
            -u | -U | --euid | --uid)
                _pfkill_list _pfkill_users
                return
                ;;
            -G | --group)
                _pfkill_list _pfkill_groups
                return
                ;;
            -g | --pgroup)
                _pfkill_list _pfkill_pgids
                return
                ;;
            -s | --session)
                _pfkill_list _pfkill_sids
                return
                ;;
            -t | --terminal)
                _pfkill_list _pfkill_ttys
                return
                ;;
            -P | --parent | -p | --pid)
                _pfkill_list _pfkill_pids
                return
                ;;
            --ns)
                _pfkill_pids
                return
                ;;
            --tid)
                _pfkill_tids
                return
                ;;
            --nslist)
                _pfkill_list _pfkill_add ipc mnt net pid user uts cgroup time
                return
                ;;
            -r | --runstates)
                _pfkill_list _pfkill_add D I R S T t W X Z
                return
                ;;
            --cgroup)
                _pfkill_list _pfkill_cgroups
                return
                ;;
            --env)
                _pfkill_list _pfkill_add_lines compgen -e
                return
                ;;
            -F | --pidfile | --expect-exe)
                _pfkill_files
                return
                ;;
            --expect-name)
                _pfkill_pnames
                return
                ;;
            --retry)
                # SIGNAL/TIMEOUT/SIGNAL/TIMEOUT..., or a bare TIMEOUT.
                local slashes=${cur//[!\/]/}
                if [[ $cur == */* ]] && ((${#slashes} % 2 == 0)); then
                    _pfkill_retry_signal
                else
                    _pfkill_add TERM/5/KILL/2 TERM/30/KILL/5 5
                fi
                return
                ;;
            --timeout | -O | --older | --younger | -q | --queue | --started-before)
                # A number or a time: nothing to offer.
                return
                ;;
        esac
        $split && return

        if [[ $cur == -* ]]; then
            # "-TE" or "-sigte" is a signal, "-" or "--" starts an option.
            if [[ $cur != --* && (${cur:1:1} == [[:upper:]] || ${cur^^} == -SIG*) ]]; then
                _pfkill_signals -
            fi
            local -a opts
            mapfile -t opts < <(_pfkill_options "$1")
            _pfkill_add "${opts[@]}"
            return
        fi
    elif [[ $cur == -* ]]; then
        # After "--", -PGID is a process group.
        local -a pgids
        local cur=${cur#-}
        _pfkill_pgids
        pgids=("${COMPREPLY[@]}")
        COMPREPLY=("${pgids[@]/#/-}")
        return
    fi

    if $list_signals; then
        _pfkill_signals ""
        return
    fi

    # A target: a process name (a pattern), or a pid when it is digits.
    local -a pids=()
    if [[ $cur =~ ^[0-9]+$ ]]; then
        _pfkill_pids
        pids=("${COMPREPLY[@]}")
    fi
    COMPREPLY=()
    _pfkill_pnames
    COMPREPLY+=("${pids[@]}")
} &&
    complete -F _pfkill pfkill

# ex: filetype=sh
