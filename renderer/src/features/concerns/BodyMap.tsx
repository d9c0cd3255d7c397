// The body map: front and back outlines of a child. A mark is placed by clicking, or from the keyboard by moving a
// crosshair with the arrow keys and pressing Enter. Every mark is also listed in words (where, size, colour, shape,
// what the child said), so the picture is never the only way to read or write it. Never photographs.
import { useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { bodyMapViews } from '../../../../shared/api';
import { BODY_MAP_HEIGHT, BODY_MAP_WIDTH, bodyOutlineParts, describePlace, markPlace, type OutlinePart } from '../../../../shared/concerns';
import { Fieldset, LinkButton, TextField } from '../../components';
import type { EditableMark } from './concernForm';

type View = (typeof bodyMapViews)[number];

const WIDTH = BODY_MAP_WIDTH;
const HEIGHT = BODY_MAP_HEIGHT;

function OutlineShape({ part }: { part: OutlinePart }) {
  if (part.shape === 'ellipse') return <ellipse cx={part.cx} cy={part.cy} rx={part.rx} ry={part.ry} />;
  if (part.shape === 'circle') return <circle cx={part.cx} cy={part.cy} r={part.r} />;
  return <rect x={part.x} y={part.y} width={part.width} height={part.height} rx={part.rx} {...(part.rotate ? { transform: `rotate(${part.rotate.angle} ${part.rotate.cx} ${part.rotate.cy})` } : {})} />;
}

/** One child's outline (shared with the PDF); drawn twice (stroked, then filled on top) so overlapping parts read as one silhouette. */
function Silhouette({ view }: { view: View }) {
  const parts = bodyOutlineParts(view).map((part, index) => <OutlineShape key={index} part={part} />);
  return (
    <g>
      <g className="body-map__outline">{parts}</g>
      <g className="body-map__fill">{parts}</g>
      {view === 'back' && <path className="body-map__detail" d="M100 96 V190" />}
    </g>
  );
}

function MarkDots({ marks, view }: { marks: readonly EditableMark[]; view: View }) {
  return (
    <>
      {marks.map((mark, index) =>
        mark.view === view ? (
          <g key={index} className="body-map__mark">
            <circle cx={mark.x * WIDTH} cy={mark.y * HEIGHT} r="9" />
            <text x={mark.x * WIDTH} y={mark.y * HEIGHT} dy="0.35em" textAnchor="middle">
              {index + 1}
            </text>
          </g>
        ) : null,
      )}
    </>
  );
}

function SideLabels({ view }: { view: View }) {
  // Which of the child's sides is where, the question everyone asks when reading a body map.
  const [left, right] = view === 'front' ? ['Their right', 'Their left'] : ['Their left', 'Their right'];
  return (
    <>
      <text className="body-map__side" x="4" y="396">
        {left}
      </text>
      <text className="body-map__side" x="196" y="396" textAnchor="end">
        {right}
      </text>
    </>
  );
}

const viewTitle = (view: View) => (view === 'front' ? 'Front' : 'Back');

/** The map for reading: both outlines with numbered marks, and the marks in words. */
export function BodyMapView({ marks }: { marks: readonly EditableMark[] }) {
  if (marks.length === 0) return <p>No marks were recorded on the body map.</p>;
  return (
    <div className="body-map">
      <div className="body-map__views">
        {bodyMapViews.map((view) => {
          const numbers = marks.flatMap((mark, index) => (mark.view === view ? [index + 1] : []));
          return (
            <figure className="body-map__figure" key={view}>
              <svg
                className="body-map__svg"
                viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
                role="img"
                aria-label={`${viewTitle(view)} of the body: ${numbers.length === 0 ? 'no marks' : `mark${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')}`}`}
              >
                <Silhouette view={view} />
                <SideLabels view={view} />
                <MarkDots marks={marks} view={view} />
              </svg>
              <figcaption className="body-map__caption">{viewTitle(view)}</figcaption>
            </figure>
          );
        })}
      </div>
      <ol className="body-map__list">
        {marks.map((mark, index) => (
          <li key={index} className="body-map__item">
            <p className="body-map__place">{markPlace(mark)}</p>
            <dl className="details details--compact">
              <MarkDetail term="Size">{mark.size}</MarkDetail>
              <MarkDetail term="Colour">{mark.colour}</MarkDetail>
              <MarkDetail term="Shape">{mark.shape}</MarkDetail>
              <MarkDetail term="What the child said about it">{mark.childExplanation ? <q className="child-words child-words--inline">{mark.childExplanation}</q> : ''}</MarkDetail>
            </dl>
          </li>
        ))}
      </ol>
    </div>
  );
}

function MarkDetail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{term}</dt>
      <dd>{children === '' ? <span className="muted">Not recorded</span> : children}</dd>
    </div>
  );
}

interface BodyMapEditorProps {
  id: string;
  marks: EditableMark[];
  onChange: (marks: EditableMark[]) => void;
  error: string | undefined;
}

const STEP = 0.02;
const clamp = (value: number) => Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));

/** The map for writing: place marks on either outline, then describe each one. */
export function BodyMapEditor({ id, marks, onChange, error }: BodyMapEditorProps) {
  const [crosshair, setCrosshair] = useState<Record<View, { x: number; y: number }>>({ front: { x: 0.5, y: 0.35 }, back: { x: 0.5, y: 0.35 } });
  const [announcement, setAnnouncement] = useState('');

  const place = (view: View, x: number, y: number) => {
    const mark: EditableMark = { view, x: clamp(x), y: clamp(y), size: '', colour: '', shape: '', childExplanation: '' };
    onChange([...marks, mark]);
    setAnnouncement(`Mark ${marks.length + 1} placed: ${markPlace(mark)}. Describe it in the fields below the map.`);
  };

  const onClick = (view: View) => (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    place(view, (event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
  };

  const onKeyDown = (view: View) => (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? STEP / 4 : STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step / 2], ArrowDown: [0, step / 2] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next = { x: clamp(crosshair[view].x + move[0]), y: clamp(crosshair[view].y + move[1]) };
      setCrosshair({ ...crosshair, [view]: next });
      setAnnouncement(`Crosshair on the ${describePlace(view, next.x, next.y)}`);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      place(view, crosshair[view].x, crosshair[view].y);
    }
  };

  const update = (index: number, change: Partial<EditableMark>) => onChange(marks.map((mark, at) => (at === index ? { ...mark, ...change } : mark)));
  const remove = (index: number) => {
    onChange(marks.filter((_, at) => at !== index));
    setAnnouncement(`Mark ${index + 1} removed. The marks after it are numbered again.`);
  };

  return (
    <div className={error ? 'field field--error body-map' : 'body-map'}>
      <p className="field__hint" id={`${id}-hint`}>
        If you saw a mark or injury, click where it is on the outline — or Tab to an outline, move the crosshair with the arrow keys and press Enter. Then describe it. Never take
        photographs of a child’s body.
      </p>
      {error && (
        <p className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className="body-map__views">
        {bodyMapViews.map((view) => (
          <figure className="body-map__figure" key={view}>
            <div
              id={view === 'front' ? id : `${id}-${view}`}
              className="body-map__target"
              role="application"
              tabIndex={0}
              aria-roledescription="body map"
              aria-label={`${viewTitle(view)} of the body`}
              aria-describedby={`${id}-hint`}
              onKeyDown={onKeyDown(view)}
            >
              <svg className="body-map__svg body-map__svg--editable" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" onClick={onClick(view)}>
                <Silhouette view={view} />
                <SideLabels view={view} />
                <MarkDots marks={marks} view={view} />
                <g className="body-map__crosshair">
                  <circle cx={crosshair[view].x * WIDTH} cy={crosshair[view].y * HEIGHT} r="11" />
                  <path d={`M${crosshair[view].x * WIDTH - 16} ${crosshair[view].y * HEIGHT} h32 M${crosshair[view].x * WIDTH} ${crosshair[view].y * HEIGHT - 16} v32`} />
                </g>
              </svg>
            </div>
            <figcaption className="body-map__caption">{viewTitle(view)}</figcaption>
          </figure>
        ))}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {marks.length === 0 ? (
        <p className="muted">No marks placed. Leave the map empty if you did not see any.</p>
      ) : (
        <ol className="body-map__list">
          {marks.map((mark, index) => (
            <li key={index} className="body-map__item">
              <Fieldset legend={`Mark ${index + 1} — ${markPlace(mark)}`}>
                <TextField id={`${id}-${index}-size`} label="Size" hint="For example: 2 cm across, or the size of a 10p coin" value={mark.size} onChange={(size) => update(index, { size })} width="medium" />
                <TextField id={`${id}-${index}-colour`} label="Colour" hint="For example: red, purple-blue, yellow-green" value={mark.colour} onChange={(colour) => update(index, { colour })} width="medium" />
                <TextField id={`${id}-${index}-shape`} label="Shape" hint="For example: round, a line, finger-shaped" value={mark.shape} onChange={(shape) => update(index, { shape })} width="medium" />
                <TextField
                  id={`${id}-${index}-said`}
                  label="What the child said about it"
                  hint="Their exact words, if they said anything."
                  value={mark.childExplanation}
                  onChange={(childExplanation) => update(index, { childExplanation })}
                  multiline
                />
                <LinkButton onClick={() => remove(index)}>{`Remove mark ${index + 1}`}</LinkButton>
              </Fieldset>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
