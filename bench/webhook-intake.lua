-- wrk script: POSTs distinct Cloud Notify alarms (a new device id per request, so none is a duplicate).
local counter = 0
local threads = 0

-- Each wrk thread gets its own number, so no two requests (in any thread or run) carry the same alarm.
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local token = os.getenv("WEBHOOK_SECRET") or "bench-secret-0123456789abcdef"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Webhook-Secret"] = token

request = function()
  counter = counter + 1
  local id = string.format("%d-%d-%d", os.time(), tid or 0, counter)
  local body = '{"userName":"Alarm Webhook","companyId":"1111-2222-3333-4444-5555","companyName":"Bench BV",' ..
    '"createdOn":"' .. os.date("!%Y-%m-%dT%H:%M:%S") .. '","systemLabel":"alarm-medium",' ..
    '"shortContent":"Gripper pressure low of Line ' .. id .. ' was triggered","longContent":"Check the vacuum.",' ..
    '"alarmRateLimitTill":null,"extraInfo":{"Device ID":"dev' .. id .. '","Device name":"Line ' .. id .. '",' ..
    '"Gripper pressure":"0.42 bar"}}'
  return wrk.format(nil, "/webhook", nil, body)
end
