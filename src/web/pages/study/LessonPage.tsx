import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Progress, Radio, Result, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { AttemptResult, HeartbeatResult, StudySession } from '../../api/study-types';
import { PageHeader } from '../../components/PageHeader';
import { minutesText } from './study-format';
import './study.css';
import { queryKeys } from '../../api/query-keys';

/**
 * The heartbeat loop of one study session. A beat describes the interval since the previous one: `visible` and
 * `active` are true only if the page stayed visible and the media kept playing (a document: the reader scrolled)
 * for the whole interval. Beats go out every `heartbeatSeconds` while playing, and at every change (play, pause,
 * hide, show) so an interval never mixes studying with not studying. The server measures the time.
 */
function useHeartbeats(session: StudySession | null, media: () => { position: number; playing: boolean }, onResult: (r: HeartbeatResult) => void) {
  const seq = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const visibleAll = useRef(true);
  const activeAll = useRef(false);
  const mediaRef = useRef(media);
  const onResultRef = useRef(onResult);
  useEffect(() => {
    mediaRef.current = media;
    onResultRef.current = onResult;
  });

  const send = useCallback(
    (positionOverride?: number) => {
      if (!session) return;
      const m = mediaRef.current();
      seq.current += 1;
      const position = positionOverride ?? m.position;
      const body = { seq: seq.current, position: Math.max(0, Math.round(position * 10) / 10), visible: visibleAll.current, active: activeAll.current };
      // the next interval starts in the state we are in now
      visibleAll.current = document.visibilityState === 'visible';
      activeAll.current = session.kind === 'video' ? m.playing : false;
      // one at a time, in order: a beat overtaken by the next one would be refused as out of order
      queue.current = queue.current
        .then(() => api.post<HeartbeatResult>(`/api/study/sessions/${session.sessionId}/heartbeats`, body))
        .then((r) => onResultRef.current(r))
        .catch(() => undefined);
    },
    [session],
  );

  /** A document reader's activity (scroll, touch, key) makes the current interval count. */
  const markActivity = useCallback(() => {
    if (document.visibilityState === 'visible') activeAll.current = true;
  }, []);
  /** Before the media state changes: close the interval so far, then start a new one. */
  const boundary = useCallback(() => send(), [send]);
  /**
   * A seek: close the interval at the position before the seek, then report the new position in a beat that
   * claims nothing (the server moves its reference position without crediting the jump).
   */
  const seeked = useCallback(
    (from: number) => {
      send(from);
      const playing = activeAll.current;
      activeAll.current = false;
      send();
      activeAll.current = playing;
    },
    [send],
  );

  useEffect(() => {
    if (!session) return undefined;
    seq.current = 0;
    visibleAll.current = document.visibilityState === 'visible';
    activeAll.current = false;
    const timer = window.setInterval(() => {
      const m = mediaRef.current();
      if (document.visibilityState !== 'visible') return;
      if (session.kind === 'video' && !m.playing) return;
      send();
    }, session.heartbeatSeconds * 1000);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        // the interval up to now was visible; from here on it is not
        send();
        visibleAll.current = false;
      } else {
        send();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      send();
    };
  }, [session, send]);

  return { boundary, markActivity, seeked };
}

function Quiz({ session, onPassed }: { session: StudySession; onPassed: (r: AttemptResult) => void }) {
  const { message } = App.useApp();
  const quiz = session.quiz;
  const [answers, setAnswers] = useState<number[][]>(() => (quiz ? quiz.questions.map(() => []) : []));
  const [result, setResult] = useState<AttemptResult | null>(null);
  const submit = useMutation({
    mutationFn: () => api.post<AttemptResult>(`/api/study/lessons/${session.lessonId}/attempts`, { answers }),
    onSuccess: (r) => {
      setResult(r);
      if (r.passed) onPassed(r);
      else void message.warning(`得分 ${r.score}，未达到 ${quiz?.passScore ?? 0} 分，请复习后重试`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title={quiz ? `课时测验（${quiz.passScore} 分及格）` : '完成本课时'} style={{ marginTop: 16 }}>
      {quiz?.questions.map((q, i) => (
        <div key={i} className="study-quiz-question">
          <div>
            <Typography.Text strong>
              {i + 1}. {q.text}
              {q.multiple ? '（多选）' : ''}
            </Typography.Text>
          </div>
          {q.multiple ? (
            <Checkbox.Group value={answers[i]} onChange={(v) => setAnswers((a) => a.map((x, j) => (j === i ? v : x)))}>
              {q.options.map((o, k) => (
                <Checkbox key={k} value={k}>
                  {o}
                </Checkbox>
              ))}
            </Checkbox.Group>
          ) : (
            <Radio.Group value={answers[i]?.[0]} onChange={(e) => setAnswers((a) => a.map((x, j) => (j === i ? [e.target.value as number] : x)))}>
              {q.options.map((o, k) => (
                <Radio key={k} value={k}>
                  {o}
                </Radio>
              ))}
            </Radio.Group>
          )}
          {result && !result.passed ? (
            <Typography.Text type={result.correct[i] ? 'success' : 'danger'}>{result.correct[i] ? ' 正确' : ' 错误'}</Typography.Text>
          ) : null}
        </div>
      ))}
      <Button type="primary" loading={submit.isPending} disabled={quiz ? answers.some((a) => a.length === 0) : false} onClick={() => submit.mutate()}>
        {quiz ? '提交测验' : '完成本课时'}
      </Button>
    </Card>
  );
}

/** One lesson: the video player or the document, the server-credited time, and the quiz once the lesson is done. */
/** A4 pages in Chromium's PDF viewer: fitted to the frame's width up to 816 px, 1.414 tall per width, 12 px apart, plus its toolbar. */
function documentHeight(pageCount: number | null, frameWidth: number): number {
  const pageWidth = Math.min(Math.max(frameWidth - 24, 240), 816);
  return Math.round((pageCount ?? 1) * (pageWidth * 1.414 + 12) + 64);
}

export default function LessonPage() {
  const lessonId = Number(useParams().id);
  const queryClient = useQueryClient();
  const [session, setSession] = useState<StudySession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [credited, setCredited] = useState(0);
  const [superseded, setSuperseded] = useState<string | null>(null);
  const [passed, setPassed] = useState<AttemptResult | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const docDepth = useRef(0);

  const open = useCallback(() => {
    setSuperseded(null);
    api
      .post<StudySession>(`/api/study/lessons/${lessonId}/sessions`)
      .then((s) => {
        setSession(s);
        setCredited(s.creditedSeconds);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [lessonId]);
  useEffect(open, [open]);

  const media = useCallback(() => {
    if (session?.kind === 'document') return { position: docDepth.current, playing: false };
    const v = video.current;
    return { position: v?.currentTime ?? 0, playing: v ? !v.paused && !v.ended : false };
  }, [session]);
  const onResult = useCallback(
    (r: HeartbeatResult) => {
      if (r.accepted) setCredited(r.lessonCreditedSeconds);
      else if (r.reason === 'superseded' && !passed) {
        setSuperseded(r.message);
        video.current?.pause();
      }
    },
    [passed],
  );
  const { boundary, markActivity, seeked } = useHeartbeats(superseded ? null : session, media, onResult);
  // the last position reached by playing (not by seeking), so a seek can close its interval honestly
  const played = useRef(0);

  // a document counts while the reader scrolls; the read depth is the position
  useEffect(() => {
    if (session?.kind !== 'document') return undefined;
    const onActivity = () => {
      markActivity();
      const max = document.documentElement.scrollHeight - window.innerHeight;
      const depth = max > 0 ? (window.scrollY / max) * session.durationSeconds : session.durationSeconds;
      docDepth.current = Math.max(docDepth.current, Math.min(session.durationSeconds, depth));
    };
    const events = ['scroll', 'wheel', 'touchmove', 'keydown', 'pointerdown'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity);
    };
  }, [session, markActivity]);

  // the document frame is as tall as its pages at the frame's width (the PDF viewer fits a page to the width up to
  // its natural size), so the window scrolls through the document without an empty tail
  const [docBox, setDocBox] = useState<HTMLDivElement | null>(null);
  const [docWidth, setDocWidth] = useState(0);
  useEffect(() => {
    if (!docBox) return;
    const observer = new ResizeObserver(([entry]) => setDocWidth(entry?.contentRect.width ?? 0));
    observer.observe(docBox);
    return () => observer.disconnect();
  }, [docBox]);

  if (error) {
    return (
      <div className="page">
        <Alert type="error" showIcon title={error} />
      </div>
    );
  }
  if (!session) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  const ready = credited >= session.requiredSeconds;
  const done = session.completed || passed !== null;
  const percent = session.durationSeconds ? Math.min(100, Math.floor((credited * 100) / session.durationSeconds)) : 100;
  const isDocument = session.kind === 'document' && session.mediaUrl !== null;
  // the timer: under the video; for a document above it and sticky under the header, so it stays in sight while
  // the reader scrolls through the pages (the scrolling is what counts as reading)
  const timer = (
    <Card size="small" className={isDocument ? 'study-timer study-timer-sticky' : 'study-timer'} data-testid="study-timer">
      <Space orientation="vertical" style={{ width: '100%' }} size={4}>
        <Typography.Text>
          已计学习时长 <Typography.Text strong>{minutesText(credited)}</Typography.Text>
          {session.durationSeconds ? ` / 课时时长 ${minutesText(session.durationSeconds)}` : ''}
        </Typography.Text>
        {session.durationSeconds ? <Progress percent={percent} aria-label="学习进度" /> : null}
        {!ready && !done ? (
          <Typography.Text type="secondary">
            学满 {minutesText(session.requiredSeconds)} 后可参加测验；学习时长以服务器计时为准，切到后台或暂停时不计时。
          </Typography.Text>
        ) : null}
      </Space>
    </Card>
  );
  return (
    <div className="page">
      <PageHeader
        title={session.title}
        back={[
          { title: '在线自学', to: '/study' },
          { title: '课程', to: `/study/courses/${session.courseId}` },
        ]}
      />
      {superseded ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={superseded}
          action={
            <Button size="small" onClick={open}>
              在此继续计时
            </Button>
          }
        />
      ) : null}
      {session.kind === 'video' && session.mediaUrl ? (
        <video
          ref={video}
          className="study-video"
          src={session.mediaUrl}
          controls
          playsInline
          preload="metadata"
          controlsList="nodownload noplaybackrate"
          aria-label="课程视频"
          onLoadedMetadata={(e) => {
            played.current = session.resumePosition;
            if (session.resumePosition > 0) e.currentTarget.currentTime = session.resumePosition;
          }}
          onPlay={boundary}
          onPause={boundary}
          onTimeUpdate={(e) => {
            if (!e.currentTarget.seeking) played.current = e.currentTarget.currentTime;
          }}
          onSeeked={(e) => {
            seeked(played.current);
            played.current = e.currentTarget.currentTime;
          }}
          onRateChange={(e) => {
            if (e.currentTarget.playbackRate > session.maxPlaybackRate) e.currentTarget.playbackRate = session.maxPlaybackRate;
          }}
        />
      ) : null}
      {session.kind === 'video' && session.resumePosition > 0 && !done ? (
        <Typography.Text type="secondary">已从上次离开的位置（{minutesText(session.resumePosition)}）继续播放</Typography.Text>
      ) : null}
      {isDocument && session.mediaUrl ? (
        <>
          {timer}
          <Typography.Paragraph type="secondary" className="study-doc-hint">
            请逐页阅读；阅读（滚动页面）时计时，页面切到后台时不计时。
          </Typography.Paragraph>
          <div ref={setDocBox}>
            <iframe className="study-doc-frame" title="课程文档" src={session.mediaUrl} style={{ height: documentHeight(session.pageCount, docWidth) }} />
          </div>
        </>
      ) : (
        timer
      )}
      {done ? (
        <Result
          status="success"
          title="本课时已完成"
          subTitle={passed ? `测验得分 ${passed.score}；学习时长已计入年度学时账户。` : '学习时长已计入年度学时账户。'}
          extra={
            <Space wrap>
              <Link to={`/study/courses/${session.courseId}`}>
                <Button>返回课程</Button>
              </Link>
              <Link to="/study/account">
                <Button type="primary">查看学时账户</Button>
              </Link>
            </Space>
          }
        />
      ) : ready ? (
        <Quiz
          session={session}
          onPassed={(r) => {
            setPassed(r);
            video.current?.pause();
            void queryClient.invalidateQueries({ queryKey: queryKeys.study.course(session.courseId) });
          }}
        />
      ) : null}
    </div>
  );
}
