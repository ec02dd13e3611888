# What the bench scripts share: signing in as a person does, through the sign-in form or the token API.
# Source it after setting base= (the site's address); password= defaults to the demo accounts' password.
# Needs curl.

lms_form_token() { # cookie-jar url -> the page's antiforgery token (the jar keeps the antiforgery cookie)
  curl -s -b "$1" -c "$1" "$2" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'
}

lms_sign_in() { # user cookie-jar -> "lms.auth=..." (the jar then holds the session for further curl calls)
  local cookie
  curl -s -b "$2" -c "$2" -o /dev/null --data-urlencode "Login=$1" --data-urlencode "Password=${password:-Demo-2026!}" \
    --data-urlencode "__RequestVerificationToken=$(lms_form_token "$2" "$base/account/sign-in")" "$base/account/sign-in"
  cookie=$(grep -v "^# " "$2" | awk '$6 == "lms.auth" {print $6"="$7}')
  [ -n "$cookie" ] || { echo "sign-in of $1 at $base failed" >&2; exit 1; }
  echo "$cookie"
}

lms_bearer() { # user -> an API access token (empty when refused)
  curl -s -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$1\",\"password\":\"${password:-Demo-2026!}\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}
