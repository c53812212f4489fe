#pragma once

#include <QObject>

class QTreeView;
class QWidget;

namespace warroom {

// Keeps the checklist's titles readable in a narrow pane (a 1280x720 screen, a splitter dragged
// left): below about 90 characters of width the Owner / by column is hidden, so the title does not
// wrap to one word a line beside it. Who owns the step is in the step panel's heading and who
// acted is in the timeline, so nothing is lost from the screen. State and Owner / by fit their
// words up to a share of the pane and wrap beyond.
class ChecklistColumns : public QObject
{
    Q_OBJECT

public:
    explicit ChecklistColumns(QTreeView *view);

    void apply();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // `column` fits its contents up to `cap` pixels; wider, it is `cap` and its words wrap.
    void fit(int column, int cap);

    QTreeView *m_view;
    // Its viewport, kept: events reach the filter while the view is being destroyed (its
    // children go last), when asking the view for its viewport is undefined (UBSan said so).
    QWidget *m_viewport = nullptr;
    bool m_applyPending = false;
    bool m_applying = false;
};

} // namespace warroom
