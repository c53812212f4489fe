#pragma once

#include <QObject>
#include <QPointer>

class QMenu;
class QWidget;

namespace warroom {

// The console's zoom (View ▸ Zoom in, out, Reset): the style sheet's font sizes, scaled in steps
// on the console window only (a wall screen elsewhere keeps its own sizes), remembered with
// QSettings and applied at start. The style sheet is the resource the application uses
// (resources/styles/warroom.qss), so zoom 100% is exactly the application's look.
class ConsoleZoom : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleZoom(QWidget *window);

    double factor() const;
    int step() const { return m_step; }
    bool canZoomIn() const;
    bool canZoomOut() const;

    // Zoom in (Ctrl++, Ctrl+=), Zoom out (Ctrl+-) and Reset zoom (Ctrl+0), enabled at the ends.
    void addActions(QMenu *menu);

    void zoomIn();
    void zoomOut();
    void reset();

    // `styleSheet` with every `font-size: Npt` multiplied by factor (pure, for tests).
    static QString scaled(const QString &styleSheet, double factor);

signals:
    void changed(double factor);

private:
    void setStep(int step);
    void apply();

    QPointer<QWidget> m_window;
    QString m_base;
    int m_step;
};

} // namespace warroom
