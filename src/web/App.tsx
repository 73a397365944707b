import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequirePermission, RequireSession, RequireSetupDone } from './auth/guards';
import { FullPageSpin, PageSpin } from './components/FullPageSpin';
import { APP_PAGES } from './nav';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const RegisterOfficerPage = lazy(() => import('./pages/officer/RegisterOfficerPage'));
const VerifyPage = lazy(() => import('./pages/VerifyPage'));
const BlacklistNoticesPage = lazy(() => import('./pages/public/BlacklistNoticesPage'));
const AwardEligibilityPage = lazy(() => import('./pages/public/AwardEligibilityPage'));
const PublicSelectionsPage = lazy(() => import('./pages/public/PublicSelectionsPage'));
const FirstLoginPasswordPage = lazy(() => import('./pages/FirstLoginPasswordPage'));
const FirstLoginTotpPage = lazy(() => import('./pages/FirstLoginTotpPage'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const NotFoundPage = lazy(() => import('./components/ResultPages').then((m) => ({ default: m.NotFoundPage })));

const FULL_SCREEN_PAGES = APP_PAGES.filter((p) => p.layout === 'full-screen');
const LAYOUT_PAGES = APP_PAGES.filter((p) => p.layout !== 'full-screen');

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* public: an enterprise applies for its account here, no session needed */}
        <Route path="/register" element={<RegisterPage />} />
        {/* public: a chief quality officer (or candidate) opens their own account, possibly through an enterprise's invitation */}
        <Route path="/register/officer" element={<RegisterOfficerPage />} />
        {/* public: anyone checks a certificate (the QR code on a 备案证明 points here) */}
        <Route path="/verify" element={<VerifyPage />} />
        <Route path="/verify/:serial" element={<VerifyPage />} />
        {/* public: blacklist notices and the quality-award eligibility query */}
        <Route path="/blacklist" element={<BlacklistNoticesPage />} />
        <Route path="/award-eligibility" element={<AwardEligibilityPage />} />
        <Route path="/public/selections" element={<PublicSelectionsPage />} />
        <Route path="/public/selections/:id" element={<PublicSelectionsPage />} />
        <Route element={<RequireSession />}>
          <Route path="/first-login/password" element={<FirstLoginPasswordPage />} />
          <Route path="/first-login/totp" element={<FirstLoginTotpPage />} />
          <Route element={<RequireSetupDone />}>
            {/* full-screen pages (projected on a wall): no menu, no header */}
            {FULL_SCREEN_PAGES.map(({ key, path, permission, component: Page }) => (
              <Route
                key={key}
                path={path}
                element={
                  <RequirePermission permission={permission}>
                    <Page />
                  </RequirePermission>
                }
              />
            ))}
            <Route element={<AppLayout />}>
              {LAYOUT_PAGES.map(({ key, path, permission, component: Page }) => (
                <Route
                  key={key}
                  path={path}
                  element={
                    <RequirePermission permission={permission}>
                      <Suspense fallback={<PageSpin />}>
                        <Page />
                      </Suspense>
                    </RequirePermission>
                  }
                />
              ))}
              <Route
                path="*"
                element={
                  <Suspense fallback={<PageSpin />}>
                    <NotFoundPage />
                  </Suspense>
                }
              />
            </Route>
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}
