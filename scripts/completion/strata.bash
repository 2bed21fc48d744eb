# bash completion for strata (installed as /usr/share/bash-completion/completions/strata).
# Subcommands and options come from strata's own --help, so they never fall behind the CLI:
# `strata --help` lists the subcommands, `strata CMD [SUB] --help` the options. Values of
# --format, --env and --migrations, and files, are completed too.
_strata_help_words() {
  # $1: what --help printed; $2: "commands" (the Subcommands: section) or "options"
  if [ "$2" = commands ]; then
    printf '%s\n' "$1" | awk '/^Subcommands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on=0}'
  else
    printf '%s\n' "$1" | grep -oE '(^|[ ,])--[a-z][a-z0-9-]*' | tr -d ' ,' | sort -u
  fi
}

_strata() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }
  local strata=${words[0]}
  # The subcommand path typed so far (e.g. "dev" or "test-db start"), without options.
  local path=() i help
  help=$("$strata" --help 2>/dev/null) || return 0
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      -*) ;;
      *)
        if _strata_help_words "$help" commands | grep -qx -- "${words[i]}"; then
          path+=("${words[i]}")
          help=$("$strata" "${path[@]}" --help 2>/dev/null) || return 0
        fi
        ;;
    esac
  done

  case $prev in
    --format)
      local formats
      formats=$(printf '%s\n' "$help" | grep -oE -- '--format TEXT:\{[a-z,]+\}' | sed 's/.*{//; s/}//; s/,/ /g')
      [ -n "$formats" ] || formats="text json"
      mapfile -t COMPREPLY < <(compgen -W "$formats" -- "$cur")
      return 0
      ;;
    --migrations|--schema|--out|--dir|--base|--queries)
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      return 0
      ;;
    --project|--rehearsal|--snapshot-url)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return 0
      ;;
    --env)
      # Environment names from the nearest strata.json.
      local dir=$PWD names=""
      while [ "$dir" != / ] && [ ! -f "$dir/strata.json" ]; do dir=$(dirname "$dir"); done
      if [ -f "$dir/strata.json" ]; then
        names=$(grep -oE '"name"[[:space:]]*:[[:space:]]*"[^"]+"' "$dir/strata.json" | sed 's/.*"\([^"]*\)"$/\1/')
      fi
      mapfile -t COMPREPLY < <(compgen -W "$names" -- "$cur")
      return 0
      ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_strata_help_words "$help" options)" -- "$cur")
  else
    local commands
    commands=$(_strata_help_words "$help" commands)
    if [ -n "$commands" ]; then
      mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
  fi
}
complete -F _strata strata
