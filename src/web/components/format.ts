import dayjs from 'dayjs';

export const formatDateTime = (value: string | null | undefined): string => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—');
export const formatDate = (value: string | null | undefined): string => (value ? dayjs(value).format('YYYY-MM-DD') : '—');
export const formatDateTimeShort = (value: string | null | undefined): string => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—');
export const isInFuture = (value: string | null | undefined): boolean => (value ? dayjs(value).isAfter(dayjs()) : false);
