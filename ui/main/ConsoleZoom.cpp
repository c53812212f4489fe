#include "ui/main/ConsoleZoom.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QWidget>

#include <algorithm>
#include <array>

namespace warroom {

namespace {

// Steps people can tell apart; 100% is the one at defaultStep.
constexpr std::array<double, 10> steps{0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0};
constexpr int defaultStep = 2;
const QString settingsKey = QStringLiteral("console/zoomStep");

} // namespace

ConsoleZoom::ConsoleZoom(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_step(std::clamp(QSettings().value(settingsKey, defaultStep).toInt(), 0,
                        static_cast<int>(steps.size()) - 1))
{
    QFile style(QStringLiteral(":/styles/warroom.qss"));
    if (style.open(QIODevice::ReadOnly))
        m_base = QString::fromUtf8(style.readAll());
    apply();
}

double ConsoleZoom::factor() const
{
    return steps.at(static_cast<size_t>(m_step));
}

bool ConsoleZoom::canZoomIn() const
{
    return m_step + 1 < static_cast<int>(steps.size());
}

bool ConsoleZoom::canZoomOut() const
{
    return m_step > 0;
}

void ConsoleZoom::addActions(QMenu *menu)
{
    QAction *in = menu->addAction(tr("Zoom &in"), this, &ConsoleZoom::zoomIn);
    in->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    QAction *out = menu->addAction(tr("Zoom &out"), this, &ConsoleZoom::zoomOut);
    out->setShortcuts(QKeySequence::ZoomOut);
    QAction *reset = menu->addAction(tr("&Reset zoom"), this, &ConsoleZoom::reset);
    reset->setShortcut(QKeySequence(tr("Ctrl+0")));
    for (QAction *a : {in, out, reset})
        a->setShortcutContext(Qt::WindowShortcut);
    auto enable = [this, in, out] {
        in->setEnabled(canZoomIn());
        out->setEnabled(canZoomOut());
    };
    connect(this, &ConsoleZoom::changed, in, enable);
    enable();
}

void ConsoleZoom::zoomIn()
{
    setStep(m_step + 1);
}

void ConsoleZoom::zoomOut()
{
    setStep(m_step - 1);
}

void ConsoleZoom::reset()
{
    setStep(defaultStep);
}

void ConsoleZoom::setStep(int step)
{
    step = std::clamp(step, 0, static_cast<int>(steps.size()) - 1);
    if (step == m_step)
        return;
    m_step = step;
    QSettings().setValue(settingsKey, m_step);
    apply();
    emit changed(factor());
}

QString ConsoleZoom::scaled(const QString &styleSheet, double factor)
{
    static const QRegularExpression fontSize(QStringLiteral(R"((font-size:\s*)(\d+(?:\.\d+)?)pt)"));
    QString out;
    qsizetype last = 0;
    for (auto it = fontSize.globalMatch(styleSheet); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(styleSheet).mid(last, m.capturedStart() - last);
        const double points = m.captured(2).toDouble() * factor;
        out += m.captured(1) + QString::number(points, 'f', 1) + QStringLiteral("pt");
        last = m.capturedEnd();
    }
    out += QStringView(styleSheet).mid(last);
    return out;
}

void ConsoleZoom::apply()
{
    if (!m_window)
        return;
    // At 100% the window inherits the application's style sheet untouched; otherwise its own,
    // scaled copy takes precedence over it for the window and its dialogs.
    m_window->setStyleSheet(m_step == defaultStep || m_base.isEmpty() ? QString()
                                                                      : scaled(m_base, factor()));
}

} // namespace warroom
