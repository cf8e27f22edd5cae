<?php
// An application test's scenario against a LiveMinutes sandbox, PHP with the curl extension.
//
// Creates a fresh account through the control API, then: create a meeting, add a participant,
// the host starts, the participant joins and leaves, the host ends; reads both statuses through
// the API at every step; and one error path through a test trigger. Prints one JSON line per step.
//
//   LM_BASE_URL=http://127.0.0.1:4010 LM_ACCOUNT_SID=trw76p0066423 \
//   LM_AUTH_TOKEN=eurn568nfkkg9862iomdnnv987iir php control-scenario.php

$base = rtrim(getenv('LM_BASE_URL'), '/');

// A LiveMinutes API call: form-encoded POST, JSON answer with resultcode.
function api(array $creds, string $operation, array $params): array {
    global $base;
    $ch = curl_init("$base/$operation");
    curl_setopt($ch, CURLOPT_USERPWD, "{$creds[0]}:{$creds[1]}");
    curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query($params));
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_setopt($ch, CURLOPT_TIMEOUT, 30);
    $answer = curl_exec($ch);
    if ($answer === false) throw new RuntimeException(curl_error($ch));
    curl_close($ch);
    return json_decode($answer, true);
}

// A control API call: JSON in and out; a failure is an HTTP error status with a JSON body.
function control(array $creds, string $path, array $body = []): array {
    global $base;
    $ch = curl_init("$base/control/$path");
    curl_setopt($ch, CURLOPT_USERPWD, "{$creds[0]}:{$creds[1]}");
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/json']);
    curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode((object) $body));
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_setopt($ch, CURLOPT_TIMEOUT, 30);
    $answer = curl_exec($ch);
    if ($answer === false) throw new RuntimeException(curl_error($ch));
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);
    return [$status, json_decode($answer, true)];
}

function step(string $name, array $creds, string $key, string $puid): void {
    $meeting = api($creds, 'getMeetingStatus', ['meetingKey' => $key]);
    $participant = api($creds, 'getParticipantStatus', ['meetingKey' => $key, 'puid' => $puid]);
    echo json_encode(['step' => $name, 'meeting' => $meeting['status'], 'participant' => $participant['status']]), "\n";
}

function check(bool $ok, $what): void {
    if (!$ok) {
        fwrite(STDERR, json_encode($what) . "\n");
        exit(1);
    }
}

$admin = [getenv('LM_ACCOUNT_SID'), getenv('LM_AUTH_TOKEN')];
[$status, $account] = control($admin, 'accounts', ['limits' => ['sessions' => 5]]);
check($status === 201, $account);
$me = [$account['accountSid'], $account['authToken']];

$made = api($me, 'createMeeting', ['meetingKey' => 'weekly', 'hostid' => 'host-1', 'title' => 'Weekly']);
check($made['resultcode'] === 1, $made);
$added = api($me, 'addParticipant', ['meetingKey' => 'weekly', 'puid' => 'ann', 'nickname' => 'Ann']);
check($added['resultcode'] === 1, $added);
step('created', $me, 'weekly', 'ann');
foreach ([
    ['host starts', 'move-meeting', ['meetingKey' => 'weekly', 'action' => 'start']],
    ['participant joins', 'move-participant', ['meetingKey' => 'weekly', 'puid' => 'ann', 'action' => 'join']],
    ['participant leaves', 'move-participant', ['meetingKey' => 'weekly', 'puid' => 'ann', 'action' => 'leave']],
    ['host ends', 'move-meeting', ['meetingKey' => 'weekly', 'action' => 'end']],
] as [$name, $path, $body]) {
    [$status, $moved] = control($me, $path, $body);
    check($status === 200, $moved);
    step($name, $me, 'weekly', 'ann');
}

// A move the lifecycle forbids is refused and changes nothing.
[$status, $refused] = control($me, 'move-meeting', ['meetingKey' => 'weekly', 'action' => 'start']);
echo json_encode(['step' => 'refused move', 'http' => $status, 'error' => $refused['error']]), "\n";

// An error path through a test trigger: the app sees meeting_not_found without deleting anything.
$failed = api($me, 'getMeetingStatus', ['meetingKey' => 'lm_test_meeting_not_found']);
echo json_encode(['step' => 'trigger', 'resultcode' => $failed['resultcode'], 'error' => $failed['error'] ?? null]), "\n";
