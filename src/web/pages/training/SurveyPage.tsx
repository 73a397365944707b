import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Radio, Rate, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { SURVEY_ITEM_KEYS, SURVEY_ITEMS, type SurveyItem } from '../../../domain/training';
import { api, errorMessage } from '../../api/client';
import type { PreQuizResult, SurveyResult, TrainingClassDetail } from '../../api/training-types';
import { RecordPending } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import './training.css';
import { queryKeys } from '../../api/query-keys';

const MY_TRAINING = { title: '我的培训', to: '/me/training' };
const RATE_TIPS = ['很不满意', '不满意', '一般', '满意', '很满意'];

/** 效果评估 on the phone: satisfaction by item, each instructor, the knowledge quiz (if set) and open comments. */
export default function SurveyPage() {
  const classId = Number(useParams().id);
  const pre = useSearchParams()[0].get('pre') === '1';
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: queryKeys.training.class(classId),
    queryFn: () => api.get<TrainingClassDetail>(`/api/training/classes/${String(classId)}`),
  });
  const [ratings, setRatings] = useState<Partial<Record<SurveyItem, number>>>({});
  const [instructorRatings, setInstructorRatings] = useState<Record<string, number>>({});
  const [answers, setAnswers] = useState<(number | undefined)[]>([]);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = useMutation({
    mutationFn: (body: unknown) => api.post<SurveyResult>(`/api/training/classes/${String(classId)}/survey`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.training.all }),
    onError: (err) => setProblem(errorMessage(err)),
  });
  const preQuiz = useMutation({
    mutationFn: (body: unknown) => api.post<PreQuizResult>(`/api/training/classes/${String(classId)}/pre-quiz`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.training.all }),
    onError: (err) => setProblem(errorMessage(err)),
  });

  if (!detail.data) return <RecordPending query={detail} what="培训班" />;
  const c = detail.data;
  const back = (
    <Link to="/me/training" key="back">
      <Button type="primary">返回我的培训</Button>
    </Link>
  );
  if (submit.isSuccess) {
    return (
      <Result
        status="success"
        title="感谢您的评价"
        subTitle={submit.data.postQuizScore === null ? '效果评估已提交。' : `效果评估已提交，课后测验得分 ${String(submit.data.postQuizScore)} 分。`}
        extra={[back]}
      />
    );
  }
  const quizCard =
    c.quiz.length > 0 ? (
      <Card size="small" title={pre ? '课前知识测验' : '课后知识测验'}>
        {c.quiz.map((q, qi) => (
          <div key={q.question} className="training-survey-item">
            <Typography.Text strong>{`${String(qi + 1)}. ${q.question}`}</Typography.Text>
            <Radio.Group
              value={answers[qi]}
              onChange={(ev) =>
                setAnswers((a) => {
                  const next = [...a];
                  next[qi] = ev.target.value as number;
                  return next;
                })
              }
              options={q.options.map((o, oi) => ({ label: o, value: oi }))}
            />
          </div>
        ))}
      </Card>
    ) : null;
  if (pre) {
    if (preQuiz.isSuccess)
      return (
        <Result status="success" title="课前测验已提交" subTitle={`得分 ${String(preQuiz.data.score)} 分，结业时可在效果评估中完成课后测验。`} extra={[back]} />
      );
    if (c.mine?.preQuizScore !== null && c.mine?.preQuizScore !== undefined)
      return <Result status="info" title={`您已完成课前测验（${String(c.mine.preQuizScore)} 分）`} extra={[back]} />;
    return (
      <div className="page training-page">
        <PageHeader title="课前知识测验" description={c.name} back={MY_TRAINING} />
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {quizCard ?? <Alert type="info" showIcon title="本班未设置知识测验" />}
          {problem ? <Alert type="error" showIcon title={problem} role="alert" /> : null}
          {quizCard ? (
            <Button
              type="primary"
              size="large"
              block
              loading={preQuiz.isPending}
              onClick={() => {
                if (answers.filter((a) => a !== undefined).length < c.quiz.length) {
                  setProblem('请回答全部测验题');
                  return;
                }
                setProblem(null);
                preQuiz.mutate({ answers });
              }}
            >
              提交测验
            </Button>
          ) : null}
        </Space>
      </div>
    );
  }
  if (c.mine?.surveySubmittedAt) return <Result status="info" title="您已提交过本班的效果评估" extra={[back]} />;

  const send = () => {
    const missing = SURVEY_ITEM_KEYS.filter((k) => !ratings[k]);
    if (missing.length > 0) {
      setProblem(`请为“${missing.map((k) => SURVEY_ITEMS[k]).join('、')}”评分`);
      return;
    }
    if (c.quiz.length > 0 && answers.filter((a) => a !== undefined).length < c.quiz.length) {
      setProblem('请回答全部测验题');
      return;
    }
    setProblem(null);
    submit.mutate({ ratings, instructorRatings, comment: comment.trim() || null, ...(c.quiz.length > 0 ? { quizAnswers: answers } : {}) });
  };

  return (
    <div className="page training-page">
      <PageHeader title="培训效果评估" description={c.name} back={MY_TRAINING} />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title="满意度（1–5 星）">
          {SURVEY_ITEM_KEYS.map((k) => (
            <div className="training-survey-item" key={k}>
              <span>{SURVEY_ITEMS[k]}</span>
              <Rate aria-label={SURVEY_ITEMS[k]} tooltips={RATE_TIPS} value={ratings[k] ?? 0} onChange={(v) => setRatings((r) => ({ ...r, [k]: v }))} />
            </div>
          ))}
        </Card>
        {c.instructors.length > 0 ? (
          <Card size="small" title="讲师评价（可选）">
            {c.instructors.map((i) => (
              <div className="training-survey-item" key={i.id}>
                <span>
                  {i.name}
                  <Typography.Text type="secondary">{i.topic ? ` · ${i.topic}` : ''}</Typography.Text>
                </span>
                <Rate
                  aria-label={`讲师 ${i.name}`}
                  tooltips={RATE_TIPS}
                  value={instructorRatings[String(i.id)] ?? 0}
                  onChange={(v) =>
                    setInstructorRatings((r) =>
                      Object.fromEntries([...Object.entries(r).filter(([k]) => k !== String(i.id)), ...(v ? [[String(i.id), v] as const] : [])]),
                    )
                  }
                />
              </div>
            ))}
          </Card>
        ) : null}
        {quizCard}
        <Card size="small" title="意见和建议（可选）">
          <Input.TextArea rows={4} maxLength={2000} showCount value={comment} onChange={(ev) => setComment(ev.target.value)} aria-label="意见和建议" />
        </Card>
        {problem ? <Alert type="error" showIcon title={problem} role="alert" /> : null}
        <Button type="primary" size="large" block loading={submit.isPending} onClick={send}>
          提交评估
        </Button>
      </Space>
    </div>
  );
}
