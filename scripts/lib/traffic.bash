# Traffic through the gateway for scripts that show the running system (dashboard-screenshots,
# replica-check): README "A first visit", with a hall open all day every day (so it works at any hour
# but the last half hour before midnight, Asia/Shanghai) and room for many visitors. Sourced; needs
# curl and jq; G is the gateway (default http://localhost:5000).
G="${G:-http://localhost:5000}"

# tr_token ROLE [SUBJECT]: a development token.
tr_token() { curl -sfS -X POST "$G/dev/token?role=$1${2:+&subject=$2}" | jq -r .accessToken; }

# tr_id_number N: a well-formed identity number (GB 11643) of region 990101, which no person holds;
# TR_ID_BASE (a day offset) makes each run's people new, so their earlier bookings do not count.
TR_ID_BASE="${TR_ID_BASE:-$(( $(date +%s) / 60 % 15000 ))}"
tr_id_number() {
  local n="$1" body sum=0 i
  local weights=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) checks=10X98765432
  body="990101$(date -u -d "1950-01-01 + $((TR_ID_BASE + n / 900)) days" +%Y%m%d)$(printf '%03d' $((100 + n % 900)))"
  for i in $(seq 0 16); do sum=$((sum + ${body:i:1} * weights[i])); done
  printf '%s%s' "$body" "${checks:$((sum % 11)):1}"
}

# tr_traceparent: a new W3C traceparent (sampled); its trace id is characters 4-35.
tr_traceparent() { printf '00-%s-%s-01' "$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" "$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"; }

# tr_setup_hall HALL AREA_M2: the hall (open 00:00-23:59 every day, one service floor of AREA_M2 m²,
# 15 people per 100 m²), the item "pension", a booking policy of 100 windows (300 a slot) whose
# check-in opens 4 h before a slot, and the default screening policy. Waits until booking knows it.
tr_setup_hall() {
  local hall="$1" area="${2:-1200}" ops days
  ops="$(tr_token ops)"
  days="$(jq -nc '[("monday","tuesday","wednesday","thursday","friday","saturday","sunday") | {day: ., opens: "00:00", closes: "23:59"}]')"
  curl -sfS -X PUT "$G/api/v1/halls/$hall" -H "Authorization: Bearer $ops" -H 'Content-Type: application/json' -d "$(jq -nc \
    --argjson days "$days" --argjson area "$area" '{name: "青浦区行政服务中心", district: "青浦区", timeZone: "Asia/Shanghai", openingHours: $days,
      zones: [{zoneId: "queue", kind: "entrance_queue", name: "排队区", areaM2: 150}, {zoneId: "floor-1", kind: "service_floor", name: "服务区", areaM2: $area}]}')" >/dev/null
  local i
  for i in $(seq 1 60); do
    curl -sf -X PUT "$G/api/v1/halls/$hall/service-items/pension" -H "Authorization: Bearer $ops" -H 'Content-Type: application/json' \
      -d '{"name": "养老金申领", "windowGroup": "social", "minutesPerCase": 10, "onlineCapable": false}' >/dev/null && break
    sleep 0.5 # HallConfigured reaches booking through the outbox and RabbitMQ
  done
  curl -sfS -X PUT "$G/api/v1/halls/$hall/booking-policy" -H "Authorization: Bearer $ops" -H 'Content-Type: application/json' -d '{
    "slotMinutes": 30, "windowGroups": [{"group": "social", "windows": 100}], "phaseShare": 1.0, "dailyQuota": 100000,
    "horizonDays": 7, "maxActiveBookingsPerPerson": 3, "checkInEarlyMinutes": 240, "checkInLateMinutes": 240,
    "walkInReserveShare": 0, "greenChannelDailyLimit": 2}' >/dev/null
  for i in $(seq 1 60); do
    curl -sf -X PUT "$G/api/v1/halls/$hall/screening-policy" -H "Authorization: Bearer $ops" -H 'Content-Type: application/json' -d '{}' >/dev/null && return 0
    sleep 0.5 # and screening
  done
  return 1
}

# tr_next_slot HALL: today's next slot with room (Asia/Shanghai).
tr_next_slot() {
  local citizen
  citizen="$(tr_token citizen)"
  curl -sfS "$G/api/v1/halls/$1/slots?date=$(TZ=Asia/Shanghai date +%F)&itemId=pension" -H "Authorization: Bearer $citizen" \
    | jq -r '[.slots[] | select(.remaining > 0 and (.startsAt | sub("\\+00:00$"; "Z") | fromdate) > now)][0].slotId // empty'
}

# tr_book HALL SLOT N [TRACEPARENT]: person N books SLOT and checks in (a queue ticket). Prints
# "N bookingId checkInStatus" (bookingId "-" when the booking failed). Tokens in TR_CITIZEN and
# TR_STAFF when set (else fetched).
tr_book() {
  local hall="$1" slot="$2" n="$3" id booking checkin
  local citizen="${TR_CITIZEN:-$(tr_token citizen)}" staff="${TR_STAFF:-$(tr_token window_staff)}"
  id="$(tr_id_number "$n")"
  booking="$(curl -sS -X POST "$G/api/v1/bookings" -H "Authorization: Bearer $citizen" -H "Idempotency-Key: tr-$TR_ID_BASE-$n" \
    ${4:+-H "traceparent: $4"} -H 'Content-Type: application/json' -d "{\"hallId\": \"$hall\", \"itemId\": \"pension\", \"slotId\": \"$slot\",
    \"channel\": \"app\", \"person\": {\"idNumber\": \"$id\", \"name\": \"张三\", \"phone\": \"13800001234\"}}" | jq -r '.bookingId // empty')"
  [ -n "$booking" ] || { echo "$n - booking_failed"; return 0; }
  checkin="$(curl -sS -X POST "$G/api/v1/bookings/$booking/check-in" -H "Authorization: Bearer $staff" | jq -r '.status // .code')"
  echo "$n $booking $checkin"
}

# tr_screen HALL N [TRACEPARENT]: the entrance check of person N (green code, negative test, 36.5 °C,
# mask). Prints "N outcome" (admit when booking's BookingConfirmed has reached screening). Token in
# TR_SCREENER when set.
tr_screen() {
  local hall="$1" n="$2" id outcome
  local screener="${TR_SCREENER:-$(tr_token screener)}"
  id="$(tr_id_number "$n")"
  outcome="$(curl -sS -X POST "$G/api/v1/screenings" -H "Authorization: Bearer $screener" ${3:+-H "traceparent: $3"} \
    -H 'Content-Type: application/json' -d "{\"hallId\": \"$hall\", \"personKind\": \"visitor\", \"person\": {\"idNumber\": \"$id\", \"name\": \"张三\"},
    \"healthCode\": \"green\", \"testAt\": \"$(date -u -d '-1 day' +%FT%TZ)\", \"testResult\": \"negative\",
    \"temperatureC\": 36.5, \"mask\": true, \"lane\": \"A1\"}" | jq -r '.outcome // .code')"
  echo "$n $outcome"
}
