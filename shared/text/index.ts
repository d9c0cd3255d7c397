// Plain-text rules that hold everywhere text is shown or written out.
export { neutraliseBidiControls, neutraliseBidiDeep } from './bidi';
export { describeComputer } from './computerName';
