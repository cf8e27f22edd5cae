"""An application test's scenario against a LiveMinutes sandbox, Python standard library only.

Creates a fresh account through the control API, then: create a meeting, add a participant,
the host starts, the participant joins and leaves, the host ends; reads both statuses through
the API at every step; and one error path through a test trigger. Prints one JSON line per step.

    LM_BASE_URL=http://127.0.0.1:4010 LM_ACCOUNT_SID=trw76p0066423 \
    LM_AUTH_TOKEN=eurn568nfkkg9862iomdnnv987iir python3 control-scenario.py
"""
import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ["LM_BASE_URL"].rstrip("/")


def auth(sid, token):
    return "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode()


def api(creds, operation, **params):
    """A LiveMinutes API call: form-encoded POST, JSON answer with resultcode."""
    req = urllib.request.Request(f"{BASE}/{operation}", data=urllib.parse.urlencode(params).encode(), method="POST")
    req.add_header("Authorization", auth(*creds))
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.load(res)


def control(creds, path, body=None):
    """A control API call: JSON in and out; a failure is an HTTP error status with a JSON body."""
    req = urllib.request.Request(f"{BASE}/control/{path}", data=json.dumps(body or {}).encode(), method="POST")
    req.add_header("Authorization", auth(*creds))
    req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, json.load(res)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def step(name, creds, key, puid):
    meeting = api(creds, "getMeetingStatus", meetingKey=key)
    participant = api(creds, "getParticipantStatus", meetingKey=key, puid=puid)
    print(json.dumps({"step": name, "meeting": meeting["status"], "participant": participant["status"]}), flush=True)


admin = (os.environ["LM_ACCOUNT_SID"], os.environ["LM_AUTH_TOKEN"])
status, account = control(admin, "accounts", {"limits": {"sessions": 5}})
assert status == 201, account
me = (account["accountSid"], account["authToken"])

made = api(me, "createMeeting", meetingKey="weekly", hostid="host-1", title="Weekly")
assert made["resultcode"] == 1, made
added = api(me, "addParticipant", meetingKey="weekly", puid="ann", nickname="Ann")
assert added["resultcode"] == 1, added
step("created", me, "weekly", "ann")
for name, path, body in [
    ("host starts", "move-meeting", {"meetingKey": "weekly", "action": "start"}),
    ("participant joins", "move-participant", {"meetingKey": "weekly", "puid": "ann", "action": "join"}),
    ("participant leaves", "move-participant", {"meetingKey": "weekly", "puid": "ann", "action": "leave"}),
    ("host ends", "move-meeting", {"meetingKey": "weekly", "action": "end"}),
]:
    status, moved = control(me, path, body)
    assert status == 200, moved
    step(name, me, "weekly", "ann")

# A move the lifecycle forbids is refused and changes nothing.
status, refused = control(me, "move-meeting", {"meetingKey": "weekly", "action": "start"})
print(json.dumps({"step": "refused move", "http": status, "error": refused["error"]}), flush=True)

# An error path through a test trigger: the app sees meeting_not_found without deleting anything.
failed = api(me, "getMeetingStatus", meetingKey="lm_test_meeting_not_found")
print(json.dumps({"step": "trigger", "resultcode": failed["resultcode"], "error": failed.get("error")}), flush=True)
