-- wrk script: POST /v1/complaints with varied Thai text, categories, districts and points, so
-- duplicate detection and the trigram index do real work. Environment: BENCH_TOKEN, BENCH_KEYS.
local token = os.getenv("BENCH_TOKEN")
local with_keys = os.getenv("BENCH_KEYS") == "1"
local thread_id = 0
local counter = 0

local categories = {"roads", "drainage", "waste", "noise", "street_lights", "encroachment"}
local subjects = {"ถนนชำรุดเป็นหลุมบ่อ", "น้ำท่วมขังหลังฝนตก", "ขยะไม่มีผู้จัดเก็บ", "เสียงดังจากร้านอาหารยามวิกาล",
  "ไฟฟ้าส่องสว่างดับทั้งซอย", "หาบเร่แผงลอยกีดขวางทางเท้า", "ท่อระบายน้ำอุดตันส่งกลิ่นเหม็น", "ต้นไม้ล้มขวางถนน",
  "ฝาท่อชำรุดเสี่ยงอันตราย", "รถจอดขวางทางเข้าออก"}
local places = {"ซอยลาดพร้าว", "ถนนรามคำแหง", "ซอยสุขุมวิท", "ถนนเพชรเกษม", "ซอยพหลโยธิน", "ถนนจรัญสนิทวงศ์",
  "ซอยอ่อนนุช", "ถนนงามวงศ์วาน", "ซอยประชาอุทิศ", "ถนนบางนา-ตราด"}
local details = {"ประชาชนได้รับความเดือดร้อนมาก", "เกิดอุบัติเหตุบ่อยครั้ง", "แจ้งไปแล้วหลายครั้งยังไม่ได้รับการแก้ไข",
  "ขอให้หน่วยงานเข้าตรวจสอบโดยเร็ว", "เป็นมาประมาณสองสัปดาห์แล้ว"}

setup = function(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

init = function(args)
  math.randomseed(os.time() + (id or 0) * 7919)
end

request = function()
  counter = counter + 1
  local subject = subjects[math.random(#subjects)]
  local place = places[math.random(#places)] .. " " .. math.random(1, 150)
  local body = string.format(
    '{"channel":"call_center","title":"%s %s","description":"%s บริเวณ%s %s","category":"%s",' ..
    '"agency":"D%02d","location":{"address":"%s","lat":%.5f,"long":%.5f},' ..
    '"complainant":{"name":"ผู้ร้องทดสอบ %d","phone":"08%08d"}}',
    subject, place, subject, place, details[math.random(#details)], categories[math.random(#categories)],
    math.random(1, 50), place, 13.6 + math.random() * 0.3, 100.4 + math.random() * 0.45,
    counter, math.random(0, 99999999))
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}
  if with_keys then
    headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", id or 0, counter, math.random(1, 1000000000))
  end
  return wrk.format("POST", "/v1/complaints", headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "non_2xx": %d, "connect_errors": %d, "timeouts": %d, ' ..
    '"p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
